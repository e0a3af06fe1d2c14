using static FinalAccounts.Tests.Samples.SampleData;

namespace FinalAccounts.Tests.Samples;

/// <summary>
/// Reference 000 (渠县医疗保障局 2022 决算, Sichuan, 13 tables in 元) rebuilt from its text: every figure
/// its 第二部分 states, and what the text leaves open derived so that every table adds up. Amounts are
/// 万元 with four decimals (whole 元): the 类 totals the text prints (59.79, 6950.36) are sums in 元 of
/// 项 it prints rounded (7.31 + 48.92 + 3.55 = 59.78). Each derivation is listed on the workbook's 说明
/// sheet (<see cref="Reference000Notes"/>).
/// </summary>
internal static class Reference000Data
{
    public const string Department = "渠县医疗保障局";
    public const int Year = 2022;

    /// <summary>An 一般公共预算 项 fully spent against its budget (000: every 项 完成预算100%，决算数等于预算数).</summary>
    private static Item General(string code, string name, decimal basic, decimal project)
    {
        var budget = Math.Round(basic + project, 2, MidpointRounding.AwayFromZero);
        return new Item(code, name, basic, project, 0, 0, basic + project, 0, 0, 0, budget, budget);
    }

    public static readonly (string Code, string Name)[] Categories =
    [
        ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("213", "农林水支出"), ("221", "住房保障支出"), ("229", "其他支出"),
    ];

    public static readonly (string Code, string Name)[] Sections =
    [
        ("20805", "行政事业单位养老支出"), ("20899", "其他社会保障和就业支出"), ("21001", "卫生健康管理事务"), ("21011", "行政事业单位医疗"),
        ("21013", "医疗救助"), ("21015", "医疗保障管理事务"), ("21305", "巩固脱贫衔接乡村振兴"), ("22102", "住房改革支出"),
        ("22960", "彩票公益金安排的支出"),
    ];

    public static readonly Item[] Items =
    [
        General("2080501", "行政单位离退休", 7.3114m, 0),
        General("2080505", "机关事业单位基本养老保险缴费支出", 48.9215m, 0),
        General("2089999", "其他社会保障和就业支出", 3.5546m, 0),
        General("2100199", "其他卫生健康管理事务支出", 0, 50.4960m),
        General("2101101", "行政单位医疗", 19.0460m, 0),
        General("2101102", "事业单位医疗", 7.5560m, 0),
        General("2101103", "公务员医疗补助", 8.70m, 0),
        General("2101301", "城乡医疗救助", 0, 6172.6645m),
        General("2101501", "行政运行", 370.58m, 0),
        General("2101550", "事业运行", 111.52m, 0),
        General("2101599", "其他医疗保障管理事务支出", 53.7005m, 156.0995m),
        General("2130599", "其他巩固脱贫衔接乡村振兴支出", 0, 3.20m),
        General("2210201", "住房公积金", 42.79m, 0),
        // 政府性基金 357.45: 000 names no 科目; lottery funds for 城乡医疗救助 are a 医保局's usual one.
        new("2296013", "用于城乡医疗救助的彩票公益金支出", 0, 0, 357.45m, 0, 0, 357.45m, 0, 0, 0, 0),
    ];

    /// <summary>人员经费 589.32 in 000's 六 order of names (its 住房公积金 moved to its code's place); 30107 绩效工资 makes the total.</summary>
    public static readonly (string Code, string Name, decimal Amount)[] Personnel = Balanced(589.32m, 3, ("30107", "绩效工资"),
    [
        ("30101", "基本工资", 168.60m), ("30102", "津贴补贴", 126.40m), ("30103", "奖金", 9.80m),
        ("30108", "机关事业单位基本养老保险缴费", 48.9215m), ("30109", "职业年金缴费", 19.40m), ("30110", "职工基本医疗保险缴费", 26.6020m),
        ("30111", "公务员医疗补助缴费", 8.70m), ("30112", "其他社会保障缴费", 3.5546m), ("30113", "住房公积金", 42.79m),
        ("30199", "其他工资福利支出", 12.60m), ("30305", "生活补助", 5.20m), ("30307", "医疗费", 2.1114m), ("30309", "奖励金", 1.20m),
        ("30399", "其他对个人和家庭的补助支出", 0.80m),
    ]);

    /// <summary>公用经费 84.36 (= 机关运行经费) in 000's 六 names; 30299 其他商品和服务支出 makes the total. 30217 and 30231 are the 三公 amounts.</summary>
    public static readonly (string Code, string Name, decimal Amount)[] Public = Balanced(84.36m, 15, ("30299", "其他商品和服务支出"),
    [
        ("30201", "办公费", 8.52m), ("30202", "印刷费", 1.20m), ("30204", "手续费", 0.05m), ("30207", "邮电费", 3.10m), ("30211", "差旅费", 6.84m),
        ("30213", "维修（护）费", 2.30m), ("30215", "会议费", 0.60m), ("30216", "培训费", 1.10m), ("30217", "公务接待费", 0.07m),
        ("30226", "劳务费", 12.40m), ("30227", "委托业务费", 4.60m), ("30228", "工会经费", 6.90m), ("30229", "福利费", 5.20m),
        ("30231", "公务用车运行维护费", 1.31m), ("30239", "其他交通费", 16.80m),
    ]);

    // 公开13表 (预算数, 决算数): 因公出国(境)费, 公务用车购置费, 公务用车运行费, 公务接待费
    public static readonly decimal[] ThreePublicBudget = [0m, 0m, 1.31m, 0.07m];
    public static readonly decimal[] ThreePublicActual = [0m, 0m, 1.31m, 0.07m];

    /// <summary>Where each 项's 项目支出 goes in the economic classification (000 does not say).</summary>
    private static (string Code, string Name) ProjectClass(Item item) => item.Code switch
    {
        "2100199" => ("30227", "委托业务费"),
        "2101599" => ("30299", "其他商品和服务支出"),
        _ => ("30399", "其他对个人和家庭的补助支出"),   // 城乡医疗救助, 驻村工作队员补助
    };

    public static readonly SampleDepartment Source = new(Department, Year, Categories, Sections, Items, 0m, 0m, 0m,
        AllCategoryNames, Personnel, Public, ThreePublicBudget, ThreePublicActual, ProjectClass,
        Reference000Supplements.For, () => [Reference000Notes.Sheet()]);

    private static (string, string, decimal)[] Balanced(decimal total, int at, (string Code, string Name) balance, (string Code, string Name, decimal Amount)[] items)
    {
        var list = items.ToList();
        list.Insert(at, (balance.Code, balance.Name, total - items.Sum(i => i.Amount)));
        return [.. list];
    }
}
