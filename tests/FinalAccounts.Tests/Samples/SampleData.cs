namespace FinalAccounts.Tests.Samples;

/// <summary>
/// The fictional department behind input-samples/: 示例县农业农村局, 2024. Amounts in 万元 are
/// chosen at 项 level; every total of every table is computed from them, so the sample is
/// consistent by construction.
/// </summary>
internal static class SampleData
{
    public const string Department = "示例县农业农村局";
    public const int Year = 2024;

    /// <summary>One 项: its spending by kind and fund, and the income that funds it.</summary>
    public sealed record Item(
        string Code, string Name,
        decimal Basic,                 // 基本支出, all 一般公共预算
        decimal GeneralProject,        // 项目支出 from 一般公共预算
        decimal FundProject,           // 项目支出 from 政府性基金
        decimal OwnProject,            // 项目支出 from 事业收入/其他收入
        decimal GeneralIncome,         // 一般公共预算财政拨款收入
        decimal FundIncome,            // 政府性基金预算财政拨款收入
        decimal ServiceIncome,         // 事业收入
        decimal OtherIncome,           // 其他收入
        decimal OpeningBudget,         // 年初预算 (一般公共预算)
        decimal AdjustedBudget)        // 调整预算
    {
        public decimal General => Basic + GeneralProject;
        public decimal Project => GeneralProject + FundProject + OwnProject;
        public decimal Spent => Basic + Project;
        public decimal FiscalIncome => GeneralIncome + FundIncome;
        public decimal Income => FiscalIncome + ServiceIncome + OtherIncome;
    }

    public static readonly (string Code, string Name)[] Categories =
    [
        ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("212", "城乡社区支出"), ("213", "农林水支出"), ("221", "住房保障支出"),
    ];

    public static readonly (string Code, string Name)[] Sections =
    [
        ("20805", "行政事业单位养老支出"), ("21011", "行政事业单位医疗"), ("21208", "国有土地使用权出让收入安排的支出"),
        ("21301", "农业农村"), ("22102", "住房改革支出"),
    ];

    public static readonly Item[] Items =
    [
        new("2080505", "机关事业单位基本养老保险缴费支出", 186.42m, 0, 0, 0, 186.42m, 0, 0, 0, 180.00m, 186.42m),
        new("2080506", "机关事业单位职业年金缴费支出", 74.57m, 0, 0, 0, 74.57m, 0, 0, 0, 72.00m, 74.57m),
        new("2101101", "行政单位医疗", 68.35m, 0, 0, 0, 68.35m, 0, 0, 0, 68.35m, 68.35m),
        new("2101102", "事业单位医疗", 31.20m, 0, 0, 0, 31.20m, 0, 0, 0, 32.00m, 31.20m),
        new("2120804", "农村基础设施建设支出", 0, 0, 480.00m, 0, 0, 520.00m, 0, 0, 0, 0),
        new("2130101", "行政运行", 1186.73m, 0, 0, 0, 1186.73m, 0, 0, 0, 1150.00m, 1190.00m),
        new("2130104", "事业运行", 642.18m, 0, 0, 35.60m, 642.18m, 0, 38.00m, 0, 640.00m, 642.18m),
        new("2130106", "科技转化与推广服务", 0, 236.50m, 0, 12.00m, 236.50m, 0, 0, 12.00m, 200.00m, 240.00m),
        new("2130108", "病虫害控制", 0, 158.26m, 0, 0, 158.26m, 0, 0, 0, 160.00m, 160.00m),
        new("2130122", "农业生产发展", 0, 1842.95m, 0, 0, 1842.95m, 0, 0, 0, 1500.00m, 1900.00m),
        new("2130126", "农村社会事业", 0, 312.40m, 0, 0, 312.40m, 0, 0, 0, 300.00m, 312.40m),
        new("2130153", "农田建设", 0, 2365.80m, 0, 0, 2451.40m, 0, 0, 0, 2000.00m, 2480.00m),
        new("2210201", "住房公积金", 112.64m, 0, 0, 0, 112.64m, 0, 0, 0, 110.00m, 112.64m),
    ];

    /// <summary>Carry-overs at the start of the year, by fund; the year-end figures follow from the flows.</summary>
    public const decimal OpeningGeneral = 120.35m;
    public const decimal OpeningFund = 0m;
    public const decimal OpeningOwn = 18.20m;

    /// <summary>Every 功能分类 类 of the 2024 classification, as 公开01表 and 公开04表 list them (zeros included).</summary>
    public static readonly string[] AllCategoryNames =
    [
        "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
        "社会保障和就业支出", "社会保险基金支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出",
        "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出",
        "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "债务还本支出", "债务付息支出", "债务发行费用支出",
    ];

    /// <summary>公开06表 items except the two balancing ones (30107 绩效工资 and 30299 其他商品和服务支出).</summary>
    public static readonly (string Code, string Name, decimal Amount)[] PersonnelItems =
    [
        ("30101", "基本工资", 352.16m), ("30102", "津贴补贴", 298.44m), ("30103", "奖金", 41.20m),
        ("30108", "机关事业单位基本养老保险缴费", 186.42m), ("30109", "职业年金缴费", 74.57m),
        ("30110", "职工基本医疗保险缴费", 99.55m), ("30112", "其他社会保障缴费", 12.38m), ("30113", "住房公积金", 112.64m),
        ("30302", "退休费", 36.80m), ("30305", "生活补助", 8.62m),
    ];

    public const decimal PublicFunds = 268.46m;   // 公用经费合计 = 机关运行经费 (行政单位)

    public static readonly (string Code, string Name, decimal Amount)[] PublicItems =
    [
        ("30201", "办公费", 38.26m), ("30205", "水费", 3.12m), ("30206", "电费", 14.85m), ("30207", "邮电费", 6.40m),
        ("30211", "差旅费", 42.31m), ("30213", "维修(护)费", 18.60m), ("30215", "会议费", 4.80m), ("30216", "培训费", 9.72m),
        ("30217", "公务接待费", 4.26m), ("30226", "劳务费", 21.50m), ("30228", "工会经费", 17.94m), ("30229", "福利费", 12.20m),
        ("30231", "公务用车运行维护费", 15.37m), ("30239", "其他交通费用", 36.08m), ("31002", "办公设备购置", 8.45m),
    ];

    // 公开09表 (预算数, 决算数): 因公出国(境)费, 公务用车购置费, 公务用车运行费, 公务接待费
    public static readonly decimal[] ThreePublicBudget = [0m, 0m, 18.00m, 6.00m];
    public static readonly decimal[] ThreePublicActual = [0m, 0m, 15.37m, 4.26m];

    /// <summary>The sample as <see cref="SampleWorkbook"/> writes it: 公开06表 balanced by 30107 绩效工资 and 30299 其他商品和服务支出.</summary>
    public static readonly SampleDepartment Source = new(Department, Year, Categories, Sections, Items, OpeningGeneral, OpeningFund, OpeningOwn,
        AllCategoryNames, BalancedPersonnel(), BalancedPublic(), ThreePublicBudget, ThreePublicActual,
        i => i.Code == "2130153" ? ("31005", "基础设施建设") : ("30227", "委托业务费"),   // 农田建设 is infrastructure; the rest 委托业务费
        SampleSupplements.For, () => []);

    private static List<(string Code, string Name, decimal Amount)> BalancedPersonnel()
    {
        var personnelTarget = Items.Sum(i => i.Basic) - PublicFunds;
        var personnel = PersonnelItems.ToList();
        personnel.Insert(3, ("30107", "绩效工资", personnelTarget - PersonnelItems.Sum(p => p.Amount)));
        return personnel;
    }

    private static List<(string Code, string Name, decimal Amount)> BalancedPublic() =>
        [.. PublicItems, ("30299", "其他商品和服务支出", PublicFunds - PublicItems.Sum(p => p.Amount))];
}
