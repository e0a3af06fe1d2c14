using static FinalAccounts.Tests.Samples.SampleData;

namespace FinalAccounts.Tests.Samples;

/// <summary>
/// Reference 002 (大英县医疗保障局 2024年部门整体支出自评报告, Sichuan) rebuilt from its text: its 收入表 and
/// 支出表 (in 元, to the 分) are the public tables' totals; how they split into 项 and economic classes 002 does
/// not say, so that is derived (<see cref="Reference002Notes"/> lists every derivation). Amounts here are 万元
/// to six decimals, i.e. whole 分 once the Sichuan export writes the tables in 元.
/// </summary>
internal static class Reference002Data
{
    public const string Department = "大英县医疗保障局";
    public const int Year = 2024;

    /// <summary>An amount 002 prints in 元, as the 万元 the builder works in.</summary>
    internal static decimal Yuan(decimal yuan) => yuan / 10000m;

    /// <summary>A 基本支出 项, fully spent; its 年初预算 given separately where 002's 追加 falls on it.</summary>
    private static Item Basic(string code, string name, decimal yuan, decimal? openingYuan = null) =>
        new(code, name, Yuan(yuan), 0, 0, 0, Yuan(yuan), 0, 0, 0, Yuan(openingYuan ?? yuan), Yuan(yuan));

    /// <summary>A 项目支出 项 (一般公共预算), fully spent.</summary>
    private static Item Project(string code, string name, decimal yuan, decimal openingYuan) =>
        new(code, name, 0, Yuan(yuan), 0, 0, Yuan(yuan), 0, 0, 0, Yuan(openingYuan), Yuan(yuan));

    public static readonly (string Code, string Name)[] Categories =
    [
        ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("221", "住房保障支出"),
    ];

    public static readonly (string Code, string Name)[] Sections =
    [
        ("20805", "行政事业单位养老支出"), ("21011", "行政事业单位医疗"), ("21012", "财政对基本医疗保险基金的补助"),
        ("21013", "医疗救助"), ("21015", "医疗保障管理事务"), ("22102", "住房改革支出"),
    ];

    /// <summary>
    /// 基本支出 5,412,180.16 (年初 4,762,418.83, 追加 649,761.33 on 事业运行) and 项目支出 9,921,400.00 (年初 2,285,000.00,
    /// 追加 7,636,400.00 = the 居民医保基金县级补助), all 一般公共预算 (002's 收入表 has no other source).
    /// </summary>
    public static readonly Item[] Items =
    [
        Basic("2080505", "机关事业单位基本养老保险缴费支出", 520388.16m),
        Basic("2080506", "机关事业单位职业年金缴费支出", 208155.26m),
        Basic("2101101", "行政单位医疗", 96342.80m),
        Basic("2101102", "事业单位医疗", 182411.52m),
        Project("2101199", "其他行政事业单位医疗支出", 847000.00m, 847000.00m),
        Project("2101202", "财政对城乡居民基本医疗保险基金的补助", 7636400.00m, 0m),
        Project("2101301", "城乡医疗救助", 1000000.00m, 1000000.00m),
        Basic("2101501", "行政运行", 1386520.30m),
        Basic("2101550", "事业运行", 2619896.12m, 2619896.12m - 649761.33m),
        Project("2101599", "其他医疗保障管理事务支出", 438000.00m, 438000.00m),
        Basic("2210201", "住房公积金", 398466.00m),
    ];

    /// <summary>人员经费 4,929,173.62 (002's 支出表); 30107 绩效工资 makes the total.</summary>
    public static readonly (string Code, string Name, decimal Amount)[] Personnel = Balanced(Yuan(4929173.62m), 3, ("30107", "绩效工资"),
    [
        ("30101", "基本工资", Yuan(1286400.00m)), ("30102", "津贴补贴", Yuan(942600.00m)), ("30103", "奖金", Yuan(107200.00m)),
        ("30108", "机关事业单位基本养老保险缴费", Yuan(520388.16m)), ("30109", "职业年金缴费", Yuan(208155.26m)),
        ("30110", "职工基本医疗保险缴费", Yuan(278754.32m)), ("30113", "住房公积金", Yuan(398466.00m)),
        ("30199", "其他工资福利支出", Yuan(96800.00m)), ("30302", "退休费", Yuan(58600.00m)), ("30305", "生活补助", Yuan(12400.00m)),
    ]);

    /// <summary>公用经费 483,006.54 (002's 支出表); 差旅费 37,200 and the 三公 amounts from 表3-1; 30299 makes the total.</summary>
    public static readonly (string Code, string Name, decimal Amount)[] Public = Balanced(Yuan(483006.54m), 11, ("30299", "其他商品和服务支出"),
    [
        ("30201", "办公费", Yuan(86420.00m)), ("30202", "印刷费", Yuan(12600.00m)), ("30205", "水费", Yuan(4800.00m)), ("30206", "电费", Yuan(21300.00m)),
        ("30207", "邮电费", Yuan(18900.00m)), ("30211", "差旅费", Yuan(37200.00m)), ("30213", "维修（护）费", Yuan(15600.00m)),
        ("30217", "公务接待费", Yuan(3800.00m)), ("30228", "工会经费", Yuan(64200.00m)), ("30229", "福利费", Yuan(48600.00m)),
        ("30231", "公务用车运行维护费", Yuan(10800.00m)), ("30239", "其他交通费用", Yuan(96000.00m)),
    ]);

    // 公开13表 (预算数, 决算数): 因公出国(境)费, 公务用车购置费, 公务用车运行费, 公务接待费 — totals 1.70 and 1.46 万元 (表3-1)
    public static readonly decimal[] ThreePublicBudget = [0m, 0m, Yuan(12000m), Yuan(5000m)];
    public static readonly decimal[] ThreePublicActual = [0m, 0m, Yuan(10800m), Yuan(3800m)];

    /// <summary>Where each 项's 项目支出 goes in the economic classification (002 does not say).</summary>
    private static (string Code, string Name) ProjectClass(Item item) => item.Code switch
    {
        "2101599" => ("30227", "委托业务费"),
        "2101202" => ("39999", "其他支出"),
        _ => ("30399", "其他对个人和家庭的补助支出"),   // 大病补充医疗保险, 城乡医疗救助
    };

    public static readonly SampleDepartment Source = new(Department, Year, Categories, Sections, Items, 0m, 0m, 0m,
        AllCategoryNames, Personnel, Public, ThreePublicBudget, ThreePublicActual, ProjectClass,
        Reference002Supplements.For, Reference002Supplements.ExtraSheets);

    private static (string, string, decimal)[] Balanced(decimal total, int at, (string Code, string Name) balance, (string Code, string Name, decimal Amount)[] items)
    {
        var list = items.ToList();
        list.Insert(at, (balance.Code, balance.Name, total - items.Sum(i => i.Amount)));
        return [.. list];
    }
}
