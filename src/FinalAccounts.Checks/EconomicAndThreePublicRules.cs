using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>公开06表: 人员经费 = 301 + 303, 公用经费 = 302 + 307 + 310 + 399, each 3-digit group = Σ its items.</summary>
internal static class EconomicDetailRules
{
    public static void Check(EconomicDetailTable table, Reconciler r)
    {
        foreach (var group in table.Items.Where(i => i.IsGroup))
        {
            var items = table.Items.Where(i => !i.IsGroup && i.Code.StartsWith(group.Code, StringComparison.Ordinal)).ToList();
            if (items.Count > 0)
                r.SumEquals(CheckIds.EconomicGroupItems, $"{group.Code} {group.Name}", group.Amount, "所属各款之和", items.Select(i => i.Amount));
        }
        var near = new CellRef(table.Info.Sheet, 1, 1);
        if (table.PersonnelTotal is null)
            r.Missing($"{table.Info.Sheet}的“人员经费合计”", near);
        else
            r.SumEquals(CheckIds.PersonnelTotal, "人员经费合计", table.PersonnelTotal, "301+303", GroupAmounts(table, EconomicDetailTable.PersonnelGroups));
        if (table.PublicTotal is null)
            r.Missing($"{table.Info.Sheet}的“公用经费合计”", near);
        else
            r.SumEquals(CheckIds.PublicTotal, "公用经费合计", table.PublicTotal, "302+307+310+399", GroupAmounts(table, EconomicDetailTable.PublicGroups));
    }

    /// <summary>A group's amount: its 3-digit line, or the sum of its items when the export omits the group line.</summary>
    public static IEnumerable<Amount> GroupAmounts(EconomicDetailTable table, IEnumerable<string> groups) =>
        groups.SelectMany(g => table.Find(g) is { } line
            ? [line.Amount]
            : table.Items.Where(i => i.Code.StartsWith(g, StringComparison.Ordinal)).Select(i => i.Amount));
}

/// <summary>公开09表, budget and actual alike: 合计 = 出国 + 公务用车 + 接待; 公务用车小计 = 购置 + 运行维护.</summary>
internal static class ThreePublicRules
{
    public static void Check(ThreePublicTable table, Reconciler r)
    {
        foreach (var group in new[] { ThreePublicTable.Budget, ThreePublicTable.Actual })
        {
            Amount? Get(ThreePublicColumn column) => table.Get(group, column);
            if (Get(ThreePublicColumn.Total) is not { } total || Get(ThreePublicColumn.Abroad) is not { } abroad
                || Get(ThreePublicColumn.Vehicles) is not { } vehicles || Get(ThreePublicColumn.Reception) is not { } reception)
            {
                r.Missing($"{table.Info.Sheet}“{group}”下的合计、因公出国(境)费、公务用车购置及运行维护费、公务接待费列", new CellRef(table.Info.Sheet, 1, 1));
                continue;
            }
            r.SumEquals(CheckIds.ThreePublicTotal, $"{group}合计", total, "因公出国(境)费+公务用车购置及运行维护费+公务接待费", [abroad, vehicles, reception]);
            if (Get(ThreePublicColumn.VehiclePurchase) is { } purchase && Get(ThreePublicColumn.VehicleRunning) is { } running)
                r.SumEquals(CheckIds.ThreePublicVehicles, $"{group}公务用车购置及运行维护费", vehicles, "购置费+运行维护费", [purchase, running]);
        }
    }
}
