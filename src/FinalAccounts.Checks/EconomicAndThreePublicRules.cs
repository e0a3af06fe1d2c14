using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>公开06表: 人员经费 = 301 + 303, 公用经费 = 302 + 307 + 310 + 399, each 3-digit group = Σ its items.</summary>
internal static class EconomicDetailRules
{
    public static readonly string[] PersonnelGroups = ["301", "303"];
    public static readonly string[] PublicGroups = ["302", "307", "310", "399"];

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
            r.SumEquals(CheckIds.PersonnelTotal, "人员经费合计", table.PersonnelTotal, "301+303", GroupAmounts(table, PersonnelGroups));
        if (table.PublicTotal is null)
            r.Missing($"{table.Info.Sheet}的“公用经费合计”", near);
        else
            r.SumEquals(CheckIds.PublicTotal, "公用经费合计", table.PublicTotal, "302+307+310+399", GroupAmounts(table, PublicGroups));
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
    public static readonly string[] Groups = ["预算数", "决算数"];

    public static void Check(ThreePublicTable table, Reconciler r)
    {
        foreach (var group in Groups)
        {
            var items = ThreePublicItems.Of(table, group);
            if (items.Total is null || items.Abroad is null || items.Vehicles is null || items.Reception is null)
            {
                r.Missing($"{table.Info.Sheet}“{group}”下的合计、因公出国(境)费、公务用车购置及运行维护费、公务接待费列", new CellRef(table.Info.Sheet, 1, 1));
                continue;
            }
            r.SumEquals(CheckIds.ThreePublicTotal, $"{group}合计", items.Total, "因公出国(境)费+公务用车购置及运行维护费+公务接待费",
                [items.Abroad, items.Vehicles, items.Reception]);
            if (items.Purchase is not null && items.Running is not null)
                r.SumEquals(CheckIds.ThreePublicVehicles, $"{group}公务用车购置及运行维护费", items.Vehicles, "购置费+运行维护费",
                    [items.Purchase, items.Running]);
        }
    }
}

/// <summary>The named figures of one group (预算数 or 决算数) of 公开09表, found by header meaning.</summary>
internal sealed record ThreePublicItems(Amount? Total, Amount? Abroad, Amount? Vehicles, Amount? Purchase, Amount? Running, Amount? Reception)
{
    public static ThreePublicItems Of(ThreePublicTable table, string group)
    {
        Amount? Find(Func<TableColumn, bool> match)
        {
            for (var i = 0; i < table.Columns.Count; i++)
                if (table.Columns[i].Path[0].Contains(group) && match(table.Columns[i]))
                    return table.Values[i];
            return null;
        }
        bool InVehicles(TableColumn c) => c.Key.Contains("公务用车");
        var vehicles = Find(c => InVehicles(c) && c.IsTotal) ?? Find(c => c.Leaf.Contains("购置及运行"));
        return new ThreePublicItems(
            Find(c => c.IsTotal && !InVehicles(c)),
            Find(c => c.Leaf.Contains("出国")),
            vehicles,
            Find(c => c.Leaf.Contains("购置") && !c.Leaf.Contains("运行")),
            Find(c => c.Leaf.Contains("运行") && !c.Leaf.Contains("购置")),
            Find(c => c.Leaf.Contains("接待")));
    }
}
