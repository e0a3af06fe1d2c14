using System.Text.RegularExpressions;
using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>
/// 基本信息 against the public tables' own header blocks: a report titled 2023 over tables of 2024,
/// or one department's name over another's 附表, is a wrong report however well its sums add up.
/// </summary>
internal static partial class IdentityRules
{
    public static void Check(FinalAccountsWorkbook workbook, Reconciler r)
    {
        var basic = workbook.KeyValue(WorkbookLayout.BasicInfo);
        if (basic.Find("决算年度") is { } yearEntry && int.TryParse(yearEntry.Text.Trim(), out var year))
            foreach (var table in workbook.PublicTableOrder)
            {
                var match = TitleYear().Match(LabelText.Normalise(table.Title));
                if (match.Success && int.Parse(match.Groups[1].Value) != year)
                    r.Add(new Diagnostic(CheckIds.YearVsTableTitle, Severity.Error,
                        $"{table.Sheet}的标题是{match.Groups[1].Value}年度，而“{basic.Sheet}”的决算年度是{year}：报告会把另一年的表当作{year}年公开。请核对年度或换成对应年度的导出表。",
                        table.TitleCell ?? new CellRef(table.Sheet, 1, 1), [yearEntry.Cell]));
            }

        if (basic.Find("部门名称") is { } nameEntry && LabelText.Normalise(nameEntry.Text) is { Length: > 0 } name)
            foreach (var table in workbook.PublicTableOrder.Where(t => t.Department is not null))
            {
                var department = LabelText.Normalise(table.Department!);
                // The export may add or drop a suffix such as (本级); only names that share nothing are a mix-up.
                if (!department.Contains(name) && !name.Contains(department))
                    r.Add(new Diagnostic(CheckIds.DepartmentVsTableLine, Severity.Warning,
                        $"{table.Sheet}表头的部门是“{table.Department}”，与“{basic.Sheet}”的部门名称“{nameEntry.Text.Trim()}”不一致，请确认这张表属于本部门。",
                        table.DepartmentCell ?? new CellRef(table.Sheet, 1, 1), [nameEntry.Cell]));
            }
    }

    [GeneratedRegex(@"^(\d{4})年")]
    private static partial Regex TitleYear();
}
