namespace FinalAccounts.Model;

/// <summary>The figures of 公开09表, per group (预算数, 决算数).</summary>
public enum ThreePublicColumn
{
    Total,
    Abroad,
    Vehicles,
    VehiclePurchase,
    VehicleRunning,
    Reception,
}

/// <summary>
/// Table 09, one data row: for 预算数 and 决算数 each, 合计, 因公出国(境)费, 公务用车购置及运行维护费
/// (小计, 购置费, 运行维护费) and 公务接待费. Columns keep their header path, e.g. 预算数/公务接待费;
/// checks and calculation both find a figure here, by header meaning, so they cannot disagree.
/// </summary>
public sealed record ThreePublicTable(TableInfo Info, IReadOnlyList<TableColumn> Columns, IReadOnlyList<Amount> Values)
{
    public const string Budget = "预算数";
    public const string Actual = "决算数";

    /// <summary>The figure of one column of a group, or null when the export has no such column.</summary>
    public Amount? Get(string group, ThreePublicColumn column) => IndexOf(group, column) is var i and >= 0 ? Values[i] : null;

    /// <summary>The column's name as exported (a subtotal is named by its group), or "" when it is missing.</summary>
    public string NameOf(ThreePublicColumn column) => IndexOf(Actual, column) is var i and >= 0
        ? Columns[i].IsTotal && Columns[i].Path.Count > 2 ? Columns[i].Path[^2] : Columns[i].Leaf
        : "";

    private int IndexOf(string group, ThreePublicColumn column)
    {
        static bool InVehicles(TableColumn c) => c.Key.Contains("公务用车");
        Func<TableColumn, bool> match = column switch
        {
            ThreePublicColumn.Total => c => c.IsTotal && !InVehicles(c),
            ThreePublicColumn.Abroad => c => c.Leaf.Contains("出国"),
            ThreePublicColumn.Vehicles => c => InVehicles(c) && c.IsTotal || c.Leaf.Contains("购置及运行"),
            ThreePublicColumn.VehiclePurchase => c => c.Leaf.Contains("购置") && !c.Leaf.Contains("运行"),
            ThreePublicColumn.VehicleRunning => c => c.Leaf.Contains("运行") && !c.Leaf.Contains("购置"),
            _ => c => c.Leaf.Contains("接待"),
        };
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Path[0].Contains(group) && match(Columns[i]))
                return i;
        return -1;
    }
}
