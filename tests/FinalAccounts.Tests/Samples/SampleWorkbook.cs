using FinalAccounts.Input;
using FinalAccounts.Model;
using static FinalAccounts.Tests.Samples.SampleData;

namespace FinalAccounts.Tests.Samples;

/// <summary>
/// Builds the sample workbook from <see cref="SampleData"/>: the nine public tables laid out as the
/// 决算 system exports them, and every supplementary sheet filled in through init's own blank sheets.
/// </summary>
internal static class SampleWorkbook
{
    public static List<SheetContent> Build()
    {
        var blank = BlankWorkbook.Create(Department, Year);
        var sheets = new List<SheetContent> { blank[0] };
        sheets.Add(Summary());
        sheets.Add(SubjectTable(PublicTableKind.Income, i => [i.Income, i.FiscalIncome, 0m, i.ServiceIncome, 0m, 0m, i.OtherIncome], i => i.Income != 0));
        sheets.Add(SubjectTable(PublicTableKind.Expenditure, i => [i.Spent, i.Basic, i.Project, 0m, 0m, 0m], i => i.Spent != 0));
        sheets.Add(FiscalSummary());
        sheets.Add(SubjectTable(PublicTableKind.GeneralBudgetExpenditure, i => [i.General, i.Basic, i.GeneralProject], i => i.General != 0));
        sheets.Add(EconomicDetail());
        sheets.Add(SubjectTable(PublicTableKind.GovernmentFund, i => [0m, i.FundIncome, i.FundProject, 0m, i.FundProject, i.FundIncome - i.FundProject], i => i.FundIncome != 0));
        sheets.Add(SubjectTable(PublicTableKind.StateCapital, _ => [0m, 0m, 0m], _ => false));
        sheets.Add(ThreePublic());
        foreach (var spec in WorkbookLayout.Supplements)
            sheets.Add(Fill(BlankWorkbook.Supplement(spec), spec));
        return sheets;
    }

    private static decimal Sum(Func<Item, decimal> f) => Items.Sum(f);

    private static SheetContent NewTable(PublicTableKind kind, out int row)
    {
        var sheet = new SheetContent($"公开{(int)kind:00}表");
        row = PublicTableHeaders.Write(sheet, kind, Department, Year);
        return sheet;
    }

    private static SheetContent SubjectTable(PublicTableKind kind, Func<Item, decimal[]> values, Func<Item, bool> listed)
    {
        var sheet = NewTable(kind, out var row);
        var items = Items.Where(listed).ToList();
        if (items.Count == 0)
            return sheet;   // an empty table keeps its header only, as the export does
        decimal[] Total(IEnumerable<Item> group) =>
            group.Select(values).Aggregate(new decimal[values(items[0]).Length], (acc, v) => acc.Zip(v, (a, b) => a + b).ToArray());
        sheet.Row(row++, 1, ["合计", null, .. Total(items).Cast<object>()]);
        foreach (var (code, name) in Categories.Concat(Sections).Select(x => x).OrderBy(x => x.Code, StringComparer.Ordinal).ToList()
                     .Concat(items.Select(i => (i.Code, i.Name))).OrderBy(x => x.Code, StringComparer.Ordinal))
        {
            var group = items.Where(i => i.Code.StartsWith(code, StringComparison.Ordinal)).ToList();
            if (group.Count > 0)
                sheet.Row(row++, 1, [code, name, .. Total(group).Cast<object>()]);
        }
        return sheet;
    }

    private static SheetContent Summary()
    {
        var sheet = NewTable(PublicTableKind.IncomeExpenditureSummary, out var first);
        (string, decimal)[] income =
        [
            ("一、一般公共预算财政拨款收入", Sum(i => i.GeneralIncome)), ("二、政府性基金预算财政拨款收入", Sum(i => i.FundIncome)),
            ("三、国有资本经营预算财政拨款收入", 0m), ("四、上级补助收入", 0m), ("五、事业收入", Sum(i => i.ServiceIncome)),
            ("六、经营收入", 0m), ("七、附属单位上缴收入", 0m), ("八、其他收入", Sum(i => i.OtherIncome)),
        ];
        var categories = AllCategoryNames.Select((name, k) => ($"{Ordinal(k + 1)}、{name}", CategorySpent(name))).ToList();
        for (var k = 0; k < income.Length; k++)
            sheet.Row(first + k, 1, income[k].Item1, k + 1, income[k].Item2);
        for (var k = 0; k < categories.Count; k++)
            sheet.Row(first + k, 4, categories[k].Item1, 9 + k, categories[k].Item2);
        var row = first + Math.Max(income.Length, categories.Count);
        var incomeTotal = Sum(i => i.Income);
        var spent = Sum(i => i.Spent);
        var opening = OpeningGeneral + OpeningFund + OpeningOwn;
        var closing = incomeTotal + opening - spent;
        sheet.Row(row++, 1, "本年收入合计", null, incomeTotal, "本年支出合计", null, spent);
        sheet.Row(row++, 1, "使用非财政拨款结余", null, 0m, "结余分配", null, 0m);
        sheet.Row(row++, 1, "年初结转和结余", null, opening, "年末结转和结余", null, closing);
        sheet.Row(row++, 1, "总计", null, incomeTotal + opening, "总计", null, spent + closing);
        sheet.Set(row + 1, 1, "注：本表反映部门本年度的总收支和年末结转结余情况。");
        return sheet;
    }

    private static SheetContent FiscalSummary()
    {
        var sheet = NewTable(PublicTableKind.FiscalSummary, out var first);
        var general = Sum(i => i.GeneralIncome);
        var fund = Sum(i => i.FundIncome);
        sheet.Row(first, 1, "一、一般公共预算财政拨款", 1, general);
        sheet.Row(first + 1, 1, "二、政府性基金预算财政拨款", 2, fund);
        sheet.Row(first + 2, 1, "三、国有资本经营预算财政拨款", 3, 0m);
        for (var k = 0; k < AllCategoryNames.Length; k++)
        {
            var name = AllCategoryNames[k];
            var g = CategorySum(name, i => i.General);
            var f = CategorySum(name, i => i.FundProject);
            sheet.Row(first + k, 4, $"{Ordinal(k + 1)}、{name}", 4 + k, g + f, g, f, 0m);
        }
        var row = first + AllCategoryNames.Length;
        var spentGeneral = Sum(i => i.General);
        var spentFund = Sum(i => i.FundProject);
        var closingGeneral = OpeningGeneral + general - spentGeneral;
        var closingFund = OpeningFund + fund - spentFund;
        sheet.Row(row++, 1, "本年收入合计", null, general + fund, "本年支出合计", null, spentGeneral + spentFund, spentGeneral, spentFund, 0m);
        sheet.Row(row++, 1, "年初财政拨款结转和结余", null, OpeningGeneral + OpeningFund, "年末财政拨款结转和结余", null, closingGeneral + closingFund, closingGeneral, closingFund, 0m);
        sheet.Row(row++, 1, "一般公共预算财政拨款", null, OpeningGeneral);
        sheet.Row(row++, 1, "政府性基金预算财政拨款", null, OpeningFund);
        sheet.Row(row++, 1, "国有资本经营预算财政拨款", null, 0m);
        var total = general + fund + OpeningGeneral + OpeningFund;
        sheet.Row(row, 1, "总计", null, total, "总计", null, total, spentGeneral + closingGeneral, spentFund + closingFund, 0m);
        return sheet;
    }

    private static SheetContent EconomicDetail()
    {
        var sheet = NewTable(PublicTableKind.GeneralBudgetBasicDetail, out var first);
        var basic = Sum(i => i.Basic);
        var personnelTarget = basic - PublicFunds;
        var personnel = PersonnelItems.ToList();
        personnel.Insert(3, ("30107", "绩效工资", personnelTarget - PersonnelItems.Sum(p => p.Amount)));
        var @public = PublicItems.ToList();
        @public.Add(("30299", "其他商品和服务支出", PublicFunds - PublicItems.Sum(p => p.Amount)));

        List<(string, string, decimal)> WithGroups(List<(string Code, string Name, decimal Amount)> items, (string Code, string Name)[] groups) =>
            groups.SelectMany(g => items.Any(i => i.Code.StartsWith(g.Code)) ? new[] { (g.Code, g.Name, items.Where(i => i.Code.StartsWith(g.Code)).Sum(i => i.Amount)) }
                .Concat(items.Where(i => i.Code.StartsWith(g.Code))) : []).ToList();
        var left = WithGroups(personnel, [("301", "工资福利支出"), ("303", "对个人和家庭的补助")]);
        var right = WithGroups(@public, [("302", "商品和服务支出"), ("307", "债务利息及费用支出"), ("310", "资本性支出"), ("399", "其他支出")]);
        var half = (right.Count + 1) / 2;
        for (var k = 0; k < left.Count; k++)
            sheet.Row(first + k, 1, left[k].Item1, left[k].Item2, left[k].Item3);
        for (var k = 0; k < right.Count; k++)
            sheet.Row(first + k % half, k < half ? 4 : 7, right[k].Item1, right[k].Item2, right[k].Item3);
        var footer = first + Math.Max(left.Count, half);
        sheet.Row(footer, 1, "人员经费合计", null, personnelTarget, "公用经费合计", null, null, null, null, PublicFunds);
        sheet.Merge(footer, 1, footer, 2).Merge(footer, 4, footer, 8);
        return sheet;
    }

    private static SheetContent ThreePublic()
    {
        var sheet = NewTable(PublicTableKind.ThreePublic, out var row);
        object[] Group(decimal[] v) => [v.Sum(), v[0], v[1] + v[2], v[1], v[2], v[3]];
        sheet.Row(row, 1, [.. Group(ThreePublicBudget), .. Group(ThreePublicActual)]);
        return sheet;
    }

    private static decimal CategorySpent(string name) => CategorySum(name, i => i.Spent);

    private static decimal CategorySum(string name, Func<Item, decimal> f)
    {
        var code = Categories.FirstOrDefault(c => c.Name == name).Code;
        return code is null ? 0m : Items.Where(i => i.Code.StartsWith(code, StringComparison.Ordinal)).Sum(f);
    }

    private static string Ordinal(int n)
    {
        string[] digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        return n < 10 ? digits[n] : n < 20 ? "十" + digits[n - 10] : digits[n / 10] + "十" + digits[n % 10];
    }

    private static SheetContent Fill(SheetContent sheet, SheetSpec spec)
    {
        var values = SampleSupplements.For(spec);
        if (spec.IsList)
        {
            var row = 2;
            foreach (var record in values.Rows)
                sheet.Row(row++, 1, record);
        }
        else
        {
            foreach (var (label, value) in values.Fields)
                SetByLabel(sheet, label, value);
        }
        return sheet;
    }

    /// <summary>Puts a value beside its label (column B), the way a user fills a key–value sheet.</summary>
    public static void SetByLabel(SheetContent sheet, string label, object? value)
    {
        var row = sheet.Cells.Where(c => c.Key.Column == 1 && LabelText.Key(c.Value.Value.ToString() ?? "") == LabelText.Key(label))
            .Select(c => c.Key.Row).DefaultIfEmpty(0).First();
        if (row == 0)
            throw new InvalidOperationException($"No row labelled {label} in {sheet.Name}");
        sheet.Set(row, 2, value);
    }
}
