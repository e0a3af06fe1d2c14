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
    /// <summary>How a region's 决算 system exports the tables: which set, titles as printed there, each table's unit.</summary>
    internal sealed record Export(TableSet Set, Func<PublicTableKind, AmountUnit> UnitOf, Func<PublicTableKind, string?> TitleOf)
    {
        public static readonly Export National = new(TableSet.National9, _ => AmountUnit.WanYuan, _ => null);

        /// <summary>Sichuan 2022 as reference 000: 13 tables in 元, the 基本支出 table under its 第五部分 title.</summary>
        public static readonly Export Sichuan13 = new(TableSet.Sichuan13, _ => AmountUnit.Yuan,
            k => k == PublicTableKind.GeneralBudgetBasicDetail ? "一般公共预算财政拨款基本支出决算表" : null);

        /// <summary>Sichuan 2020 as reference 001: 14 tables, the 三公 table titled 一般公共预算…; units mixed (tables 1–7 in 元).</summary>
        public static readonly Export Sichuan14 = new(TableSet.Sichuan14,
            k => PublicTableCatalogue.Of(k).Numbers[TableSet.Sichuan14] <= 7 ? AmountUnit.Yuan : AmountUnit.WanYuan,
            k => k switch
            {
                PublicTableKind.GeneralBudgetBasicDetail => "一般公共预算财政拨款基本支出决算表",
                PublicTableKind.ThreePublic => "一般公共预算财政拨款“三公”经费支出决算表",
                _ => null,
            });
    }

    public static List<SheetContent> Build() => Build(Export.National);

    /// <summary>The same department's workbook as another region's 决算 system exports it: its set, numbering, titles and units.</summary>
    /// <summary>
    /// A user table as reference 001's 附件1 has it: the 评分表, in 分, a two-row header whose 绩效指标 spans
    /// three columns, an 一级指标 merged down two rows, a “/” and a blank score.
    /// </summary>
    internal static SheetContent ScoreTable()
    {
        var sheet = new SheetContent(WorkbookLayout.UserTablePrefix + " 部门整体支出绩效评价评分表");
        sheet.Set(1, 1, "单位：分");
        sheet.Row(2, 1, "绩效指标", null, null, "指标分值", "计分标准", "自评得分");
        sheet.Row(3, 1, "一级指标", "二级指标", "三级指标");
        sheet.Merge(2, 1, 2, 3).Merge(2, 4, 3, 4).Merge(2, 5, 3, 5).Merge(2, 6, 3, 6);
        sheet.Row(4, 1, "部门预算管理（28分）", "预算编制（8分）", "目标制定", 8m, "绩效目标要素完整的，得8分，否则酌情扣分。", 7.5m);
        sheet.Row(5, 1, null, "预算执行（15分）", "执行率", 15m, "执行率达到100%的，得15分。", 15m);
        sheet.Row(6, 1, null, "信息公开（5分）", "公开及时性", 5m, "按规定时限公开的，得5分。", "/");
        sheet.Merge(4, 1, 6, 1);
        sheet.Row(7, 1, "结果应用（12分）", "整改落实（12分）", "问题整改", 12m, "上年评价发现问题已整改的，得12分。", null);
        sheet.Row(8, 1, "合计", null, null, 40m, null, 22.5m);
        sheet.Merge(8, 1, 8, 3);
        return sheet;
    }

    public static List<SheetContent> Build(Export export) => Build(export, SampleData.Source);

    /// <summary>Another department's workbook (a reconstructed reference), written by the same code.</summary>
    public static List<SheetContent> Build(Export export, SampleDepartment department) => new Writer(department).Build(export);

    /// <summary>Writes one department's sheets; every table's totals are computed from its 项.</summary>
    private sealed class Writer(SampleDepartment d)
    {
        private IReadOnlyList<Item> Items => d.Items;

        public List<SheetContent> Build(Export export)
        {
            var blank = BlankWorkbook.Create(d.Department, d.Year);
            var sheets = new List<SheetContent> { blank[0] };
            foreach (var entry in PublicTableCatalogue.InSet(export.Set))
                sheets.Add(Table(entry.Kind, export));
            // An optional sheet the department has nothing for is left out, as a user who never needed it would
            // (reference 000 has no 文字: its report has no 重点工作 section and no 评分表).
            foreach (var spec in WorkbookLayout.Supplements.Where(s => !s.Optional || d.Supplements(s) is { Rows.Count: > 0 } or { Fields.Count: > 0 }))
                sheets.Add(Fill(BlankWorkbook.Supplement(spec), spec));
            sheets.AddRange(d.Notes());
            if (d == SampleData.Source)
                sheets.Add(ScoreTable());
            return sheets;
        }

        private SheetContent Table(PublicTableKind kind, Export export)
        {
            var sheet = new SheetContent($"公开{PublicTableCatalogue.Of(kind).Numbers[export.Set]:00}表");
            var unit = export.UnitOf(kind);
            var row = PublicTableHeaders.Write(sheet, kind, d.Department, d.Year, unit, PublicTableCatalogue.Of(kind).Numbers[export.Set], export.TitleOf(kind));
            var first = row;
            switch (kind)
            {
                case PublicTableKind.IncomeExpenditureSummary: Summary(sheet, row); break;
                case PublicTableKind.Income: SubjectRows(sheet, row, i => [i.Income, i.FiscalIncome, 0m, i.ServiceIncome, 0m, 0m, i.OtherIncome], i => i.Income != 0); break;
                case PublicTableKind.Expenditure: SubjectRows(sheet, row, i => [i.Spent, i.Basic, i.Project, 0m, 0m, 0m], i => i.Spent != 0); break;
                case PublicTableKind.FiscalSummary: FiscalSummary(sheet, row); break;
                case PublicTableKind.GeneralBudgetExpenditure: SubjectRows(sheet, row, i => [i.General, i.Basic, i.GeneralProject], i => i.General != 0); break;
                case PublicTableKind.GeneralBudgetBasicDetail: EconomicDetail(sheet, row); break;
                case PublicTableKind.GovernmentFund:
                    SubjectRows(sheet, row, i => [0m, i.FundIncome, i.FundProject, 0m, i.FundProject, i.FundIncome - i.FundProject], i => i.FundIncome != 0); break;
                case PublicTableKind.StateCapital or PublicTableKind.StateCapitalIncomeExpenditure: break;   // header only: no such spending
                case PublicTableKind.ThreePublic: ThreePublic(sheet, row, d.ThreePublicBudget, d.ThreePublicActual); break;
                case PublicTableKind.GovernmentFundThreePublic: ThreePublic(sheet, row, [0m, 0m, 0m, 0m], [0m, 0m, 0m, 0m]); break;
                case PublicTableKind.FiscalExpenditureDetail:
                    SubjectRows(sheet, row, i => [i.General + i.FundProject, i.General, i.FundProject, 0m], i => i.General + i.FundProject != 0); break;
                case PublicTableKind.GeneralBudgetEconomicDetail: EconomicClasses(sheet, row); break;
                case PublicTableKind.GeneralBudgetProject: SubjectRows(sheet, row, i => [i.GeneralProject], i => i.GeneralProject != 0); break;
                default: throw new InvalidOperationException($"no sample data for {kind}");
            }
            if (unit == AmountUnit.Yuan)
                foreach (var cell in sheet.Cells.Where(c => c.Key.Row >= first && c.Value.Value is decimal).ToList())
                    sheet.Set(cell.Key.Row, cell.Key.Column, (decimal)cell.Value.Value * 10000m);
            return sheet;
        }

        private decimal Sum(Func<Item, decimal> f) => Items.Sum(f);

        private void SubjectRows(SheetContent sheet, int row, Func<Item, decimal[]> values, Func<Item, bool> listed)
        {
            var items = Items.Where(listed).ToList();
            if (items.Count == 0)
                return;   // an empty table keeps its header only, as the export does
            decimal[] Total(IEnumerable<Item> group) =>
                group.Select(values).Aggregate(new decimal[values(items[0]).Length], (acc, v) => acc.Zip(v, (a, b) => a + b).ToArray());
            sheet.Row(row++, 1, ["合计", null, .. Total(items).Cast<object>()]);
            foreach (var (code, name) in d.Categories.Concat(d.Sections).Select(x => x).OrderBy(x => x.Code, StringComparer.Ordinal).ToList()
                         .Concat(items.Select(i => (i.Code, i.Name))).OrderBy(x => x.Code, StringComparer.Ordinal))
            {
                var group = items.Where(i => i.Code.StartsWith(code, StringComparison.Ordinal)).ToList();
                if (group.Count > 0)
                    sheet.Row(row++, 1, [code, name, .. Total(group).Cast<object>()]);
            }
        }

        private void Summary(SheetContent sheet, int first)
        {
            (string, decimal)[] income =
            [
                ("一、一般公共预算财政拨款收入", Sum(i => i.GeneralIncome)), ("二、政府性基金预算财政拨款收入", Sum(i => i.FundIncome)),
                ("三、国有资本经营预算财政拨款收入", 0m), ("四、上级补助收入", 0m), ("五、事业收入", Sum(i => i.ServiceIncome)),
                ("六、经营收入", 0m), ("七、附属单位上缴收入", 0m), ("八、其他收入", Sum(i => i.OtherIncome)),
            ];
            var categories = d.AllCategoryNames.Select((name, k) => ($"{Ordinal(k + 1)}、{name}", CategorySpent(name))).ToList();
            for (var k = 0; k < income.Length; k++)
                sheet.Row(first + k, 1, income[k].Item1, k + 1, income[k].Item2);
            for (var k = 0; k < categories.Count; k++)
                sheet.Row(first + k, 4, categories[k].Item1, 9 + k, categories[k].Item2);
            var row = first + Math.Max(income.Length, categories.Count);
            var incomeTotal = Sum(i => i.Income);
            var spent = Sum(i => i.Spent);
            var opening = d.OpeningGeneral + d.OpeningFund + d.OpeningOwn;
            var closing = incomeTotal + opening - spent;
            sheet.Row(row++, 1, "本年收入合计", null, incomeTotal, "本年支出合计", null, spent);
            sheet.Row(row++, 1, "使用非财政拨款结余", null, 0m, "结余分配", null, 0m);
            sheet.Row(row++, 1, "年初结转和结余", null, opening, "年末结转和结余", null, closing);
            sheet.Row(row++, 1, "总计", null, incomeTotal + opening, "总计", null, spent + closing);
            sheet.Set(row + 1, 1, "注：本表反映部门本年度的总收支和年末结转结余情况。");
        }

        private void FiscalSummary(SheetContent sheet, int first)
        {
            var general = Sum(i => i.GeneralIncome);
            var fund = Sum(i => i.FundIncome);
            sheet.Row(first, 1, "一、一般公共预算财政拨款", 1, general);
            sheet.Row(first + 1, 1, "二、政府性基金预算财政拨款", 2, fund);
            sheet.Row(first + 2, 1, "三、国有资本经营预算财政拨款", 3, 0m);
            for (var k = 0; k < d.AllCategoryNames.Count; k++)
            {
                var name = d.AllCategoryNames[k];
                var g = CategorySum(name, i => i.General);
                var f = CategorySum(name, i => i.FundProject);
                sheet.Row(first + k, 4, $"{Ordinal(k + 1)}、{name}", 4 + k, g + f, g, f, 0m);
            }
            var row = first + d.AllCategoryNames.Count;
            var spentGeneral = Sum(i => i.General);
            var spentFund = Sum(i => i.FundProject);
            var closingGeneral = d.OpeningGeneral + general - spentGeneral;
            var closingFund = d.OpeningFund + fund - spentFund;
            sheet.Row(row++, 1, "本年收入合计", null, general + fund, "本年支出合计", null, spentGeneral + spentFund, spentGeneral, spentFund, 0m);
            sheet.Row(row++, 1, "年初财政拨款结转和结余", null, d.OpeningGeneral + d.OpeningFund, "年末财政拨款结转和结余", null, closingGeneral + closingFund, closingGeneral, closingFund, 0m);
            sheet.Row(row++, 1, "一般公共预算财政拨款", null, d.OpeningGeneral);
            sheet.Row(row++, 1, "政府性基金预算财政拨款", null, d.OpeningFund);
            sheet.Row(row++, 1, "国有资本经营预算财政拨款", null, 0m);
            var total = general + fund + d.OpeningGeneral + d.OpeningFund;
            sheet.Row(row, 1, "总计", null, total, "总计", null, total, spentGeneral + closingGeneral, spentFund + closingFund, 0m);
        }

        /// <summary>公开06表's items: 人员经费 and 公用经费, as the department's data lists them.</summary>
        private (List<(string Code, string Name, decimal Amount)> Personnel, List<(string Code, string Name, decimal Amount)> Public) BasicItems() =>
            (d.Personnel.ToList(), d.Public.ToList());

        private static readonly (string Code, string Name)[] EconomicGroups =
            [("301", "工资福利支出"), ("302", "商品和服务支出"), ("303", "对个人和家庭的补助"), ("307", "债务利息及费用支出"), ("310", "资本性支出"), ("399", "其他支出")];

        /// <summary>
        /// Sichuan's 一般公共预算财政拨款支出决算明细表: 公开05's spending by economic class — 基本支出 as in
        /// 公开06, each 项's 项目支出 under the class the department's data gives it.
        /// </summary>
        private void EconomicClasses(SheetContent sheet, int row)
        {
            var (personnel, @public) = BasicItems();
            var lines = personnel.Concat(@public).Select(p => (Code: p.Code, Name: p.Name, Basic: p.Amount, Project: 0m))
                .Concat(Items.Where(i => i.GeneralProject != 0).Select(i => d.ProjectClass(i)).Distinct()
                    .Select(c => (Code: c.Code, Name: c.Name, Basic: 0m, Project: Items.Where(i => i.GeneralProject != 0 && d.ProjectClass(i) == c).Sum(i => i.GeneralProject))))
                .GroupBy(l => l.Code).Select(g => (g.Key, g.First().Name, Basic: g.Sum(l => l.Basic), Project: g.Sum(l => l.Project)))
                .OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
            sheet.Row(row++, 1, "合计", null, lines.Sum(l => l.Basic + l.Project), lines.Sum(l => l.Basic), lines.Sum(l => l.Project));
            foreach (var (code, name) in EconomicGroups)
            {
                var members = lines.Where(l => l.Key.StartsWith(code, StringComparison.Ordinal)).ToList();
                if (members.Count == 0)
                    continue;
                sheet.Row(row++, 1, code, name, members.Sum(l => l.Basic + l.Project), members.Sum(l => l.Basic), members.Sum(l => l.Project));
                foreach (var l in members)
                    sheet.Row(row++, 1, l.Key, l.Name, l.Basic + l.Project, l.Basic, l.Project);
            }
        }

        private void EconomicDetail(SheetContent sheet, int first)
        {
            var (personnel, @public) = BasicItems();
            var personnelTarget = personnel.Sum(p => p.Amount);

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
            sheet.Row(footer, 1, "人员经费合计", null, personnelTarget, "公用经费合计", null, null, null, null, @public.Sum(p => p.Amount));
            sheet.Merge(footer, 1, footer, 2).Merge(footer, 4, footer, 8);
        }

        private static void ThreePublic(SheetContent sheet, int row, decimal[] budget, decimal[] actual)
        {
            object[] Group(decimal[] v) => [v.Sum(), v[0], v[1] + v[2], v[1], v[2], v[3]];
            sheet.Row(row, 1, [.. Group(budget), .. Group(actual)]);
        }

        private decimal CategorySpent(string name) => CategorySum(name, i => i.Spent);

        private decimal CategorySum(string name, Func<Item, decimal> f)
        {
            var code = d.Categories.FirstOrDefault(c => c.Name == name).Code;
            return code is null ? 0m : Items.Where(i => i.Code.StartsWith(code, StringComparison.Ordinal)).Sum(f);
        }

        private static string Ordinal(int n)
        {
            string[] digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
            return n < 10 ? digits[n] : n < 20 ? "十" + digits[n - 10] : digits[n / 10] + "十" + digits[n % 10];
        }

        private SheetContent Fill(SheetContent sheet, SheetSpec spec)
        {
            var values = d.Supplements(spec);
            if (spec.IsList)
            {
                var row = 2;
                foreach (var record in values.Rows)
                    sheet.Row(row++, 1, record);
            }
            // A region's own rows (renamed, or fewer: 001 states only 车辆合计) replace the blank sheet's.
            else if (spec.OtherRows is not null && (values.Fields.Any(f => !HasLabel(sheet, f.Label)) || values.Fields.Count < spec.Fields.Count))
                Rows(sheet, values.Fields);
            else
            {
                foreach (var (label, value) in values.Fields)
                    SetByLabel(sheet, label, value);
            }
            return sheet;
        }

    }

    private static bool HasLabel(SheetContent sheet, string label) =>
        sheet.Cells.Any(c => c.Key.Column == 1 && LabelText.Key(c.Value.Value.ToString() ?? "") == LabelText.Key(label));

    /// <summary>
    /// A sheet of open rows (国有资产) filled with a region's own rows, as a user renames, adds and removes them:
    /// the blank sheet's rows from the first one on are replaced by these, in order (notes of renamed rows cleared).
    /// </summary>
    private static void Rows(SheetContent sheet, IReadOnlyList<(string Label, object? Value)> fields)
    {
        var first = sheet.Cells.Where(c => c.Key.Column == 1 && c.Key.Row > 1).Min(c => c.Key.Row);
        var last = sheet.RowCount;
        for (var row = first; row <= last; row++)
            for (var column = 1; column <= 3; column++)
                sheet.Set(row, column, null);
        for (var i = 0; i < fields.Count; i++)
            sheet.Set(first + i, 1, fields[i].Label).Set(first + i, 2, fields[i].Value);
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
