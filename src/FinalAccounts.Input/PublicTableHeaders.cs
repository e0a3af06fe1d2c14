using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// The header blocks of the nine public tables as the 决算 system exports them (title, 公开NN表,
/// 部门 and 金额单位, header rows with merged groups, 栏次 row). init writes them so a user who
/// types a table by hand gets the layout the reader expects; pasting the real export works too.
/// </summary>
public static class PublicTableHeaders
{
    public const int TitleRow = 1;

    /// <summary>
    /// Writes the header block and returns the first data row. <paramref name="number"/> is the table's
    /// number in its set (公开05表 is another table in Sichuan's sets), the national number by default.
    /// </summary>
    public static int Write(SheetContent sheet, PublicTableKind kind, string department, int year, AmountUnit unit = AmountUnit.WanYuan,
        int? number = null, string? title = null)
    {
        var heading = (Number: number ?? (int)kind, Title: title ?? WorkbookReader.KindTitle(kind));
        if (kind is PublicTableKind.ThreePublic or PublicTableKind.GovernmentFundThreePublic)
            return WriteThreePublic(sheet, heading, department, year, unit);
        var (groups, leaves, lastColumn) = Layout(kind);
        WriteTitleBlock(sheet, heading, department, year, unit, lastColumn);
        for (var c = 1; c <= lastColumn; c++)
            sheet.ColumnWidths[c] = leaves[c - 1] is "科目名称" or "项目" ? 36 : 16;

        const int top = 4;
        var leafRow = groups.Count == 0 ? top : top + 1;
        foreach (var (text, from, to) in groups)
        {
            sheet.Set(top, from, text, CellStyle.Bold);
            if (to > from)
                sheet.Merge(top, from, top, to);
        }
        for (var i = 0; i < leaves.Length; i++)
        {
            if (leaves[i] is not { } leaf)
                continue;
            var column = i + 1;
            var grouped = groups.Any(g => column >= g.From && column <= g.To);
            var row = grouped ? leafRow : top;
            sheet.Set(row, column, leaf, CellStyle.Bold);
            if (row == top && leafRow > top)
                sheet.Merge(top, column, leafRow, column);
        }
        var numberRow = leafRow + 1;
        var n = 1;
        for (var c = 1; c <= lastColumn; c++)
        {
            var leaf = leaves[c - 1];
            if (leaf is "项目" or "科目编码" or "科目代码")
                sheet.Set(numberRow, c, "栏次");
            else if (leaf is not ("科目名称" or "行次"))
                sheet.Set(numberRow, c, n++);
        }
        return numberRow + 1;
    }

    private static void WriteTitleBlock(SheetContent sheet, (int Number, string Title) heading, string department, int year, AmountUnit unit, int lastColumn)
    {
        sheet.Set(TitleRow, 1, $"{year}年度{heading.Title}", CellStyle.Title).Merge(TitleRow, 1, TitleRow, lastColumn);
        sheet.Set(2, lastColumn, $"公开{heading.Number:00}表");
        sheet.Set(3, 1, $"部门：{department}");
        sheet.Set(3, lastColumn, $"金额单位：{unit.DisplayName()}");
    }

    /// <summary>Table 09 has three header rows: 预算数/决算数 over the items, 公务用车 over its 小计/购置费/运行费.</summary>
    private static int WriteThreePublic(SheetContent sheet, (int Number, string Title) heading, string department, int year, AmountUnit unit)
    {
        WriteTitleBlock(sheet, heading, department, year, unit, 12);
        foreach (var (group, from) in new[] { ("预算数", 1), ("决算数", 7) })
        {
            sheet.Set(4, from, group, CellStyle.Bold).Merge(4, from, 4, from + 5);
            foreach (var (text, offset) in new[] { ("合计", 0), ("因公出国(境)费", 1), ("公务接待费", 5) })
                sheet.Set(5, from + offset, text, CellStyle.Bold).Merge(5, from + offset, 6, from + offset);
            sheet.Set(5, from + 2, "公务用车购置及运行维护费", CellStyle.Bold).Merge(5, from + 2, 5, from + 4);
            sheet.Row(6, from + 2, "小计", "公务用车购置费", "公务用车运行费");
        }
        for (var c = 1; c <= 12; c++)
        {
            sheet.Set(7, c, c);
            sheet.ColumnWidths[c] = 14;
        }
        return 8;
    }

    private static (List<(string Text, int From, int To)> Groups, string?[] Leaves, int LastColumn) Layout(PublicTableKind kind) => kind switch
    {
        PublicTableKind.IncomeExpenditureSummary => (
            [("收入", 1, 3), ("支出", 4, 6)],
            ["项目", "行次", "金额", "项目", "行次", "金额"], 6),
        PublicTableKind.Income => (
            [("项目", 1, 2)],
            ["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"], 9),
        PublicTableKind.Expenditure => (
            [("项目", 1, 2)],
            ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"], 8),
        PublicTableKind.FiscalSummary => (
            [("收入", 1, 3), ("支出", 4, 9)],
            ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"], 9),
        PublicTableKind.GeneralBudgetExpenditure => (
            [("项目", 1, 2), ("本年支出", 3, 5)],
            ["科目编码", "科目名称", "小计", "基本支出", "项目支出"], 5),
        PublicTableKind.GeneralBudgetBasicDetail => (
            [("人员经费", 1, 3), ("公用经费", 4, 9)],
            ["科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数"], 9),
        PublicTableKind.GovernmentFund => (
            [("项目", 1, 2), ("本年支出", 5, 7)],
            ["科目编码", "科目名称", "年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"], 8),
        PublicTableKind.StateCapital => (
            [("项目", 1, 2), ("本年支出", 3, 5)],
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"], 5),
        PublicTableKind.FiscalExpenditureDetail => (
            [("项目", 1, 2), ("本年支出", 3, 6)],
            ["科目编码", "科目名称", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"], 6),
        PublicTableKind.GeneralBudgetEconomicDetail => (
            [("项目", 1, 2), ("本年支出", 3, 5)],
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"], 5),
        PublicTableKind.GeneralBudgetProject => (
            [("项目", 1, 2)],
            ["科目编码", "科目名称", "项目支出"], 3),
        PublicTableKind.StateCapitalIncomeExpenditure => (
            [("项目", 1, 2), ("本年支出", 5, 7)],
            ["科目编码", "科目名称", "年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"], 8),
        _ => ([], [], 1),
    };
}
