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
