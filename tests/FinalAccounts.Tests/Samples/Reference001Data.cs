using static FinalAccounts.Tests.Samples.SampleData;

namespace FinalAccounts.Tests.Samples;

/// <summary>
/// Reference 001 (盐边县医疗保障局 2020 决算, Sichuan, 14 tables) rebuilt from its text: every figure its
/// 第二部分 states, and what the text leaves open derived so that every table adds up. Amounts are 万元
/// with up to four decimals (whole 元): 001's printed 项 do not add up to the 类 and totals it prints
/// (卫生健康: 720.87 + 471.26 + 197.31 + 314.52 = 1703.96, printed 1703.95), which amounts in 元 reconcile.
/// Each derivation is listed on the workbook's 说明 sheet (<see cref="Reference001Notes"/>).
/// </summary>
internal static class Reference001Data
{
    public const string Department = "盐边县医疗保障局";
    public const int Year = 2020;

    /// <summary>An 一般公共预算 项 against its budget (年初 = 调整).</summary>
    private static Item General(string code, string name, decimal basic, decimal project, decimal budget) =>
        new(code, name, basic, project, 0, 0, basic + project, 0, 0, 0, budget, budget);

    public static readonly (string Code, string Name)[] Categories =
    [
        ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("213", "农林水支出"), ("221", "住房保障支出"), ("229", "其他支出"),
    ];

    /// <summary>2020's classification: 20805 is still 行政事业单位离退休 (行政事业单位养老支出 from 2021), 21305 扶贫.</summary>
    public static readonly (string Code, string Name)[] Sections =
    [
        ("20805", "行政事业单位离退休"), ("21012", "财政对基本医疗保险基金的补助"), ("21013", "医疗救助"), ("21015", "医疗保障管理事务"),
        ("21305", "扶贫"), ("22102", "住房改革支出"), ("22960", "彩票公益金安排的支出"),
    ];

    public static readonly Item[] Items =
    [
        General("2080505", "机关事业单位基本养老保险缴费支出", 18.57m, 0, 18.70m),            // 完成预算99.30%
        General("2101202", "财政对城乡居民基本医疗保险基金的补助", 0, 720.87m, 720.87m),
        General("2101301", "城乡医疗救助", 0, 471.26m, 471.26m),
        General("2101501", "行政运行", 197.306m, 0, 151.55m),                                  // 完成预算130.19%
        General("2101599", "其他医疗保障管理事务支出", 0, 314.516m, 314.52m),
        General("2130506", "社会发展", 0, 218.468m, 218.47m),
        General("2210201", "住房公积金", 22.41m, 0, 22.86m),                                    // 完成预算98.03%
        // 政府性基金 31.92: the lottery funds of the 医疗救助补助资金 project (附件1: 503.18 = 471.26 + 31.92).
        new("2296013", "用于城乡医疗救助的彩票公益金支出", 0, 0, 31.92m, 0, 0, 31.92m, 0, 0, 0, 0),
    ];

    /// <summary>人员经费 214.153 in 001's 六 names; 30102 津贴补贴 makes the total. 30108 and 30113 are the 项 above.</summary>
    public static readonly (string Code, string Name, decimal Amount)[] Personnel = Balanced(214.153m, ("30102", "津贴补贴"),
    [
        ("30101", "基本工资", 52.80m), ("30103", "奖金", 14.60m), ("30108", "机关事业单位基本养老保险缴费", 18.57m),
        ("30110", "职工基本医疗保险缴费", 9.80m), ("30111", "公务员医疗补助缴费", 3.20m), ("30113", "住房公积金", 22.41m),
        ("30199", "其他工资福利支出", 4.60m), ("30309", "奖励金", 0.90m),
    ]);

    /// <summary>公用经费 24.133 (= 机关运行经费) in 001's 六 names; 30299 其他商品和服务支出 makes the total. 30217 is the 三公 接待费.</summary>
    public static readonly (string Code, string Name, decimal Amount)[] Public = Balanced(24.133m, ("30299", "其他商品和服务支出"),
    [
        ("30201", "办公费", 6.20m), ("30202", "印刷费", 0.80m), ("30207", "邮电费", 1.10m), ("30211", "差旅费", 2.60m),
        ("30213", "维修（护）费", 0.90m), ("30216", "培训费", 0.40m), ("30217", "公务接待费", 0.282m), ("30226", "劳务费", 1.50m),
        ("30228", "工会经费", 2.30m), ("30229", "福利费", 1.60m), ("30239", "其他交通费用", 4.80m),
    ]);

    // “三公” (预算数, 决算数): 因公出国(境)费, 公务用车购置费, 公务用车运行费, 公务接待费 — 840 + 1200 + 780 = 2820 元
    public static readonly decimal[] ThreePublicBudget = [0m, 0m, 0m, 0.282m];
    public static readonly decimal[] ThreePublicActual = [0m, 0m, 0m, 0.282m];

    public static readonly SampleDepartment Source = new(Department, Year, Categories, Sections, Items, 0m, 0m, 0m,
        AllCategoryNames, Personnel, Public, ThreePublicBudget, ThreePublicActual,
        _ => ("30399", "其他对个人和家庭的补助"),   // every 项目 pays premiums, subsidies or relief to people
        Reference001Supplements.For, Reference001Notes.Sheets);

    private static (string, string, decimal)[] Balanced(decimal total, (string Code, string Name) balance, (string Code, string Name, decimal Amount)[] items) =>
        [.. items.Append((balance.Code, balance.Name, total - items.Sum(i => i.Amount))).OrderBy(i => i.Code, StringComparer.Ordinal)];
}
