namespace FinalAccounts.Model;

/// <summary>One 经济分类 line of table 06 (301 工资福利支出, 30101 基本工资, …).</summary>
public sealed record EconomicItem(string Code, string Name, Amount Amount)
{
    public bool IsGroup => Code.Length == 3;
}

/// <summary>Table 06: the 人员经费 and 公用经费 items with the two footer totals.</summary>
public sealed record EconomicDetailTable(TableInfo Info, IReadOnlyList<EconomicItem> Items, Amount? PersonnelTotal, Amount? PublicTotal)
{
    /// <summary>人员经费 = 301 工资福利支出 + 303 对个人和家庭的补助.</summary>
    public static readonly string[] PersonnelGroups = ["301", "303"];

    /// <summary>公用经费 = 302 商品和服务支出 + 307 债务利息及费用支出 + 310 资本性支出 + 399 其他支出.</summary>
    public static readonly string[] PublicGroups = ["302", "307", "310", "399"];

    public EconomicItem? Find(string code) => Items.FirstOrDefault(i => i.Code == code);
}
