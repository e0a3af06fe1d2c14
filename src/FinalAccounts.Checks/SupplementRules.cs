using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>Rules on what the user supplies: procurement and vehicle breakdowns, 机关运行经费, budgets per 项.</summary>
internal static class SupplementRules
{
    private static readonly string[] ProcurementParts = ["政府采购货物支出", "政府采购工程支出", "政府采购服务支出"];
    private static readonly string[] UnitsWithOperatingCosts = ["行政单位", "参照公务员法管理事业单位"];

    public static void Check(FinalAccountsWorkbook workbook, Reconciler r)
    {
        var procurement = workbook.KeyValue(WorkbookLayout.Procurement);
        if (procurement.Amount("政府采购支出总额") is { } total)
        {
            var parts = ProcurementParts.Select(procurement.Amount).OfType<Amount>().ToList();
            if (parts.Count > 0)
                r.SumEquals(CheckIds.ProcurementParts, "政府采购支出总额", total, "货物+工程+服务", parts);
            var small = procurement.Amount("授予中小企业合同金额");
            var micro = procurement.Amount("授予小微企业合同金额");
            if (micro is not null && small is not null)
                r.AtMost(CheckIds.ProcurementSmallBusiness, "授予小微企业合同金额", micro, "授予中小企业合同金额", small);
            if (small is not null)
                r.AtMost(CheckIds.ProcurementSmallBusiness, "授予中小企业合同金额", small, "政府采购支出总额", total);
            // By kind: each within its kind's total, and together the whole 授予中小企业合同金额.
            var byKind = new[] { "货物", "工程", "服务" }.Select(kind => (Kind: kind, Small: procurement.Amount($"{kind}授予中小企业合同金额"),
                Whole: procurement.Amount($"政府采购{kind}支出"))).ToList();
            foreach (var (kind, part, whole) in byKind)
                if (part is not null && whole is not null)
                    r.AtMost(CheckIds.ProcurementSmallByKind, $"{kind}授予中小企业合同金额", part, $"政府采购{kind}支出", whole);
            if (small is not null && byKind.All(k => k.Small is not null))
                r.SumEquals(CheckIds.ProcurementSmallByKind, "授予中小企业合同金额", small, "货物+工程+服务授予中小企业合同金额", byKind.Select(k => k.Small!));
        }

        var assets = workbook.KeyValue(WorkbookLayout.Assets);
        if (assets.Amount(AssetRows.VehicleTotal) is { } vehicles)
        {
            var categories = AssetRows.VehicleCategories(assets).Where(e => e.Number is not null)
                .Select(e => new Amount(e.Number!.Value, e.Cell, 0m)).ToList();
            if (categories.Count > 0)
                r.SumEquals(CheckIds.VehicleCategories, "车辆合计", vehicles with { Tail = 0m }, "各类车辆之和", categories);
        }

        var basic = workbook.KeyValue(WorkbookLayout.BasicInfo);
        if (UnitsWithOperatingCosts.Contains(workbook.UnitType ?? "") && basic.Amount("机关运行经费") is { } operating
            && workbook.Tables.BasicDetail?.PublicTotal is { } publicTotal)
            r.Equal(CheckIds.OperatingCostVsPublicFunds, "机关运行经费", operating, $"{workbook.Tables.BasicDetail.Info.Sheet}公用经费合计（{workbook.UnitType}二者应一致）", publicTotal);

        if (workbook.Tables.GeneralBudget is { } general)
            BudgetCoverage(workbook.List(WorkbookLayout.ItemBudgets), general, r);
        ThreePublicDetails(workbook, r);
        ExpenditureBudgets(workbook.List(WorkbookLayout.ExpenditureBudgets), r);
        TargetWeights(workbook.List(WorkbookLayout.DepartmentIndicators), r);
    }

    /// <summary>
    /// The budget side's own arithmetic: each kind's 调整后预算数 = 年初预算数 + 追加（减）; 人员经费 + 公用经费 = 基本支出 in every
    /// budget column (the report prints them one under the other).
    /// </summary>
    private static void ExpenditureBudgets(ListSheet sheet, Reconciler r)
    {
        if (sheet.Rows.Count == 0)
            return;
        int kind = sheet.ColumnOf("支出类别"), opening = sheet.ColumnOf("年初预算数"), added = sheet.ColumnOf("追加（减）"), adjusted = sheet.ColumnOf("调整后预算数");
        Amount? At(ListRow row, int column) => row.Number(column) is { } n ? new Amount(n, row.CellAt(column)) : null;
        foreach (var row in sheet.Rows.Where(row => row[kind].Length > 0))
            if (At(row, adjusted) is { } total && At(row, opening) is { } start && At(row, added) is { } change)
                r.SumEquals(CheckIds.BudgetRowAdjusted, $"{row[kind]}调整后预算数", total, "年初预算数+追加（减）", [start, change]);

        ListRow? Row(string name) => sheet.Rows.FirstOrDefault(row => LabelText.Key(row[kind]) == name);
        if (Row("基本支出") is not { } basic || Row("人员经费") is not { } personnel || Row("公用经费") is not { } @public)
            return;
        foreach (var column in new[] { opening, added, adjusted })
            if (At(basic, column) is { } whole && At(personnel, column) is { } p && At(@public, column) is { } q)
                r.SumEquals(CheckIds.BudgetBasicParts, $"基本支出{sheet.Headers[column]}", whole, "人员经费+公用经费", [p, q]);
    }

    /// <summary>
    /// The 整体绩效指标's weights share out 100 points (reference 000's 申报表: 10+10+10+5+…=100). Only when every
    /// weight is given: a blank one is a placeholder of the calculation, not a second finding here.
    /// </summary>
    private static void TargetWeights(ListSheet indicators, Reconciler r)
    {
        var column = indicators.ColumnOf("权重");
        if (indicators.Rows.Count == 0 || indicators.Rows.Any(row => row.Number(column) is null))
            return;
        var sum = indicators.Rows.Sum(row => row.Number(column)!.Value);
        if (sum != 100m)
            r.Add(new Diagnostic(CheckIds.TargetWeights, Severity.Warning,
                $"“{indicators.Sheet}”各指标权重之和为 {sum.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}，应为 100（{indicators.Rows[0].CellAt(column)} 起共 {indicators.Rows.Count} 行）。",
                indicators.Rows[0].CellAt(column)));
    }

    /// <summary>
    /// 三公 details against 公开09表 and the counts: 国内 + 外事 接待费 = 公务接待费 (when both are given: one alone
    /// would make the other a guess); per 车型 购置金额 = 公务用车购置费, 购置数量 and 年末保有量 = the counts.
    /// </summary>
    private static void ThreePublicDetails(FinalAccountsWorkbook workbook, Reconciler r)
    {
        var counts = workbook.KeyValue(WorkbookLayout.ThreePublicCounts);
        var table = workbook.Tables.ThreePublic;
        if (counts.Amount("国内公务接待费") is { } domestic && counts.Amount("外事接待费") is { } foreign
            && table?.Get(ThreePublicTable.Actual, ThreePublicColumn.Reception) is { } reception)
            r.SumEquals(CheckIds.ReceptionSplit, $"{table.Info.Sheet}公务接待费", reception, "国内公务接待费+外事接待费", [domestic, foreign]);

        var types = workbook.List(WorkbookLayout.VehicleTypes);
        if (types.Rows.Count == 0)
            return;
        IReadOnlyList<Amount> Column(string header, decimal tail) => types.Rows
            .Where(row => row.Number(types.ColumnOf(header)) is not null)
            .Select(row => new Amount(row.Number(types.ColumnOf(header))!.Value, row.CellAt(types.ColumnOf(header)), tail)).ToList();
        var amounts = Column("购置金额", Amount.WanYuanTail);
        if (amounts.Count > 0 && table?.Get(ThreePublicTable.Actual, ThreePublicColumn.VehiclePurchase) is { } purchase)
            r.SumEquals(CheckIds.VehicleTypes, $"{table.Info.Sheet}公务用车购置费", purchase, "各车型购置金额之和", amounts);
        foreach (var (header, label) in new[] { ("购置数量", "公务用车购置数量"), ("年末保有量", "公务用车保有量") })
            if (Column(header, 0m) is { Count: > 0 } numbers && counts.Amount(label) is { } total)
                r.SumEquals(CheckIds.VehicleTypes, $"三公经费{label}", total with { Tail = 0m }, $"各车型{header}之和", numbers);
    }

    /// <summary>Every 项 of 公开05表 needs a budget for its 完成预算 sentence; a budget for an unknown 项 is probably a typo.</summary>
    private static void BudgetCoverage(ListSheet budgets, SubjectTable general, Reconciler r)
    {
        var codeColumn = budgets.ColumnOf("科目代码");
        var codes = budgets.Rows.Select(row => row[codeColumn]).ToHashSet();
        foreach (var row in budgets.Rows.Where(row => general.Find(row[codeColumn]) is not { Level: SubjectLevel.Item }))
            r.Add(new Diagnostic(CheckIds.BudgetCodeUnknown, Severity.Warning,
                $"预算科目“{row[codeColumn]}”不是{general.Info.Sheet}中的项级科目，请核对科目代码。", row.CellAt(codeColumn)));
        foreach (var item in general.RowsAt(SubjectLevel.Item).Where(i => !codes.Contains(i.Code)))
            r.Add(new Diagnostic(CheckIds.BudgetMissing, Severity.Warning,
                $"{general.Info.Sheet} {item.Code} {item.Name} 在“{budgets.Sheet}”表中没有预算数，报告将无法写出其预算完成情况。",
                new CellRef(general.Info.Sheet, item.SheetRow, 1)));
    }
}
