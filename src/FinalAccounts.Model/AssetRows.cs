namespace FinalAccounts.Model;

/// <summary>
/// The rows of the 国有资产 sheet as the user entered them: every row but 车辆合计 is a category of vehicle, except
/// rows naming 设备, which are equipment lines. Categories and lines differ by region (the national 领导干部用车…,
/// Sichuan's 主要领导干部用车、机要通信用车、应急保障用车…), so none is fixed here; the order is the sheet's.
/// </summary>
public static class AssetRows
{
    public const string VehicleTotal = "车辆合计";

    public static IEnumerable<KeyValueEntry> VehicleCategories(KeyValueSheet sheet) =>
        sheet.Entries.Where(e => LabelText.Key(e.Label) != LabelText.Key(VehicleTotal) && !IsEquipment(e) && !IsNote(e));

    public static IEnumerable<KeyValueEntry> Equipment(KeyValueSheet sheet) => sheet.Entries.Where(e => IsEquipment(e) && !IsNote(e));

    /// <summary>A row holding text that is no number (备注…): a note, not a category (the reader says so).</summary>
    private static bool IsNote(KeyValueEntry entry) => entry.Number is null && entry.Text.Trim().Length > 0;

    private static bool IsEquipment(KeyValueEntry entry) => entry.Label.Contains("设备", StringComparison.Ordinal);
}
