using FinalAccounts.Input;
using FinalAccounts.Model;

namespace FinalAccounts.Tests.Samples;

/// <summary>The 说明 sheet of a reconstructed reference workbook: one row per derivation (what, the value chosen, why).</summary>
internal static class NotesSheet
{
    public static SheetContent Of(IReadOnlyList<(string What, string Value, string Why)> derivations)
    {
        var sheet = new SheetContent(WorkbookLayout.Notes);
        sheet.ColumnWidths[1] = 6;
        sheet.ColumnWidths[2] = 28;
        sheet.ColumnWidths[3] = 48;
        sheet.ColumnWidths[4] = 72;
        sheet.Row(1, 1, "序号", "项目", "取值", "依据");
        for (var i = 0; i < derivations.Count; i++)
            sheet.Row(i + 2, 1, i + 1, derivations[i].What, derivations[i].Value, derivations[i].Why);
        return sheet;
    }
}
