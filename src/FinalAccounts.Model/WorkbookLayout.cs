namespace FinalAccounts.Model;

public enum FieldType
{
    Text,
    LongText,
    Amount,      // 万元, two decimals
    Integer,
    Year,
    Choice,
}

/// <summary>A labelled field of a supplementary sheet: a key of a key–value sheet or a column of a list sheet.</summary>
public sealed record FieldSpec(string Label, FieldType Type, string Note = "", bool Required = false, IReadOnlyList<string>? Choices = null);

/// <summary>
/// A supplementary sheet: what the public tables do not hold. The same spec writes the blank
/// workbook (init), reads the filled one and types its values, so the three cannot drift apart.
/// </summary>
public sealed record SheetSpec(string Name, bool IsList, string Purpose, IReadOnlyList<FieldSpec> Fields)
{
    /// <summary>A sheet added after workbooks were already in use: when absent, nothing is said (older workbooks stay clean).</summary>
    public bool Optional { get; init; }

    /// <summary>
    /// For a key–value sheet whose rows the user may add, rename or remove (a region's own vehicle categories):
    /// the type every row not named in <see cref="Fields"/> is read and checked as. Null: such rows are ignored.
    /// </summary>
    public FieldSpec? OtherRows { get; init; }
}

/// <summary>The supplementary sheets of the input workbook (see docs/输入工作簿格式.md).</summary>
public static class WorkbookLayout
{
    public const string Instructions = "填表说明";

    /// <summary>
    /// A sheet of the preparer's own notes (where figures came from, what was assumed): read by people,
    /// never by the generator, so nothing in it can be taken for a public table.
    /// </summary>
    public const string Notes = "说明";

    public static readonly IReadOnlyList<string> UnitTypes = ["行政单位", "参照公务员法管理事业单位", "事业单位"];

    public static readonly SheetSpec BasicInfo = new("基本信息", false, "部门名称、年度、单位类型等", [
        new("部门名称", FieldType.Text, "与决算报表封面一致，如：示例县农业农村局", true),
        new("决算年度", FieldType.Year, "四位年份，如：2024", true),
        new("单位类型", FieldType.Choice, "决定机关运行经费是否须与公用经费一致", true, UnitTypes),
        new("机构设置说明", FieldType.LongText, "第一部分“二、机构设置”的说明文字"),
        new("机关运行经费", FieldType.Amount, "本年机关运行经费（万元）；行政单位和参公单位应等于公开06表公用经费合计"),
        new("报告日期", FieldType.Text, "封面上的日期，如：2025年9月；不填则为生成报告的年月"),
        new("实有人数", FieldType.Integer, "人员概况：年末实有人数（报告写人员概况时填写）"),
        new("行政编制数", FieldType.Integer, "人员概况：行政编制（个）"),
        new("事业编制数", FieldType.Integer, "人员概况：事业编制（个）"),
        new("编外人员数", FieldType.Integer, "人员概况：编外聘用人员（人）"),
    ]);

    public static readonly SheetSpec Duties = new("部门职责", true, "第一部分“一、部门职责”，一行一条", [
        new("序号", FieldType.Integer),
        new("职责内容", FieldType.LongText, "", true),
    ]);

    public static readonly SheetSpec Organisation = new("机构设置", true, "纳入本年度部门决算编制范围的单位", [
        new("序号", FieldType.Integer),
        new("单位名称", FieldType.Text, "", true),
        new("单位性质", FieldType.Text, "如：行政单位、事业单位"),
        new("说明", FieldType.Text),
    ]);

    public static readonly SheetSpec PriorYear = new("上年数", false, "上年决算数（万元），用于计算增减变动", [
        new("收支总计", FieldType.Amount, "上年公开01表总计", true),
        new("本年收入合计", FieldType.Amount, "上年公开01表本年收入合计", true),
        new("本年支出合计", FieldType.Amount, "上年公开01表本年支出合计", true),
        new("财政拨款收支总计", FieldType.Amount, "上年公开04表总计", true),
        new("财政拨款收入", FieldType.Amount, "上年公开04表本年收入合计（报告分别比较财政拨款收入和支出时填写）"),
        new("财政拨款支出", FieldType.Amount, "上年公开04表本年支出合计（同上）"),
        new("一般公共预算财政拨款收入", FieldType.Amount, "上年公开01表一般公共预算财政拨款收入（报告比较这项收入时填写，如湖北）"),
        new("一般公共预算财政拨款支出", FieldType.Amount, "上年公开05表合计", true),
        new("一般公共预算财政拨款基本支出", FieldType.Amount),
        new("人员经费", FieldType.Amount),
        new("公用经费", FieldType.Amount),
        new("“三公”经费支出", FieldType.Amount, "上年公开09表决算数合计", true),
        new("因公出国(境)费", FieldType.Amount),
        new("公务用车购置费", FieldType.Amount),
        new("公务用车运行维护费", FieldType.Amount),
        new("公务接待费", FieldType.Amount),
        new("政府性基金预算财政拨款支出", FieldType.Amount),
        new("国有资本经营预算财政拨款支出", FieldType.Amount),
        new("机关运行经费", FieldType.Amount),
    ]);

    public static readonly SheetSpec ItemBudgets = new("项目预算", true, "一般公共预算财政拨款支出每个“项”的预算数及差异原因", [
        new("科目代码", FieldType.Text, "7位项级科目代码", true),
        new("科目名称", FieldType.Text),
        new("年初预算数", FieldType.Amount, "万元"),
        new("调整预算数", FieldType.Amount, "万元"),
        new("决算与预算差异原因", FieldType.LongText, "决算数大于或小于预算数时必填"),
    ]);

    /// <summary>
    /// The budget beside the 决算 (收入表/支出表 of the 部门整体支出自评报告). Optional: workbooks made before it
    /// validate as they did. The 决算 column comes from the public tables, never typed here.
    /// </summary>
    public static readonly SheetSpec IncomeBudgets = new("收入预算", true, "各项收入的年初预算数和全年预算数（万元）；决算数取自公开01表", [
        new("收入类别", FieldType.Text, "与公开01表收入方的行名一致，如：一般公共预算财政拨款收入", true),
        new("年初预算数", FieldType.Amount, "万元"),
        new("全年预算数", FieldType.Amount, "调整后的全年预算（万元）"),
    ]) { Optional = true };

    public static readonly SheetSpec ExpenditureBudgets = new("支出预算", true, "各类支出的年初预算数、追加（减）和调整后预算数（万元）；决算数取自公开表", [
        new("支出类别", FieldType.Text, "基本支出、人员经费、公用经费、项目支出，或公开01表支出方的行名（如结余分配、年末结转和结余）", true),
        new("年初预算数", FieldType.Amount, "万元"),
        new("追加（减）", FieldType.Amount, "年中追加（减少填负数）"),
        new("调整后预算数", FieldType.Amount, "年初预算数 + 追加（减）"),
    ]) { Optional = true };

    public static readonly SheetSpec Reasons = new("变动原因", false, "只有本单位知道的原因（报告中的【主要变动原因】）", [
        new("收支总计变动原因", FieldType.LongText),
        new("财政拨款收支总计变动原因", FieldType.LongText),
        new("一般公共预算财政拨款支出变动原因", FieldType.LongText),
        new("“三公”经费预算执行差异原因", FieldType.LongText),
        new("“三公”经费变动原因", FieldType.LongText),
        new("因公出国(境)费变动原因", FieldType.LongText),
        new("公务用车购置费变动原因", FieldType.LongText),
        new("公务用车运行维护费变动原因", FieldType.LongText),
        new("公务接待费变动原因", FieldType.LongText),
        new("机关运行经费变动原因", FieldType.LongText),
    ]);

    public static readonly SheetSpec ThreePublicCounts = new("三公经费", false, "“三公”经费的数量信息（金额取自公开09表）", [
        new("因公出国(境)团组数", FieldType.Integer, "个"),
        new("因公出国(境)人次", FieldType.Integer, "人次"),
        new("公务用车购置数量", FieldType.Integer, "辆"),
        new("公务用车保有量", FieldType.Integer, "年末，辆"),
        new("国内公务接待批次", FieldType.Integer, "批次"),
        new("国内公务接待人次", FieldType.Integer, "人次，不包括陪同人员"),
        new("外事接待批次", FieldType.Integer),
        new("外事接待人次", FieldType.Integer),
        new("国内公务接待费", FieldType.Amount, "万元；与外事接待费之和应等于公开09表公务接待费"),
        new("国内公务接待内容", FieldType.LongText, "如：上级部门检查调研工作餐"),
        new("外事接待费", FieldType.Amount, "万元"),
        new("外事接待内容", FieldType.LongText),
    ]);

    public static readonly SheetSpec VehicleTypes = new("公务用车车型", true, "公务用车按车型：本年购置数量和金额（万元）、年末保有量（可不填）", [
        new("车型", FieldType.Text, "如：轿车、越野车、载客汽车", true),
        new("购置数量", FieldType.Integer, "辆"),
        new("购置金额", FieldType.Amount, "万元"),
        new("年末保有量", FieldType.Integer, "辆"),
    ])
    {
        Optional = true,
    };

    public static readonly SheetSpec Procurement = new("政府采购", false, "本年政府采购支出（万元）", [
        new("政府采购支出总额", FieldType.Amount, "", true),
        new("政府采购货物支出", FieldType.Amount),
        new("政府采购工程支出", FieldType.Amount),
        new("政府采购服务支出", FieldType.Amount),
        new("授予中小企业合同金额", FieldType.Amount),
        new("授予小微企业合同金额", FieldType.Amount),
        new("货物授予中小企业合同金额", FieldType.Amount, "报告分货物、工程、服务写中小企业合同时填写（如湖北）"),
        new("工程授予中小企业合同金额", FieldType.Amount, "同上"),
        new("服务授予中小企业合同金额", FieldType.Amount, "同上"),
        new("政府采购主要用途", FieldType.LongText, "采购的用途，如：购买日常工作所需办公设备（报告写作“主要用于……”；模板用到时才需填写）"),
    ]);

    public static readonly SheetSpec Assets = new("国有资产", false, "年末国有资产占有使用情况；车辆类别和设备行可按本地区口径改名、增删（报告按本表的行序列出）", [
        new("车辆合计", FieldType.Integer, "辆", true),
        new("领导干部用车", FieldType.Integer, "辆"),
        new("一般公务用车", FieldType.Integer, "辆"),
        new("一般执法执勤用车", FieldType.Integer, "辆"),
        new("特种专业技术用车", FieldType.Integer, "辆"),
        new("其他用车", FieldType.Integer, "辆"),
        new("单价50万元以上通用设备", FieldType.Integer, "台（套）"),
        new("单价100万元以上专用设备", FieldType.Integer, "台（套）"),
    ])
    {
        // Regions list their own categories (四川：主要领导干部用车、机要通信用车、应急保障用车…): each row is one, see AssetRows.
        OtherRows = new("", FieldType.Integer, "辆或台（套）"),
    };

    public static readonly SheetSpec Glossary = new("名词解释", true, "名词解释：通用名词，以及用到的类/款/项（按科目代码）", [
        new("名词或科目代码", FieldType.Text, "如：财政拨款收入，或 2130101", true),
        new("解释", FieldType.LongText, "", true),
    ]);

    public static readonly SheetSpec Performance = new("绩效自评", false, "部门整体支出绩效自评", [
        new("部门整体支出绩效自评得分", FieldType.Amount, "分"),
        new("预算绩效管理工作开展情况", FieldType.LongText),
        new("部门整体支出绩效自评报告", FieldType.LongText, "附件正文；可分段"),
    ]);

    public static readonly SheetSpec Projects = new("项目绩效", true, "每个项目支出绩效自评表的文字部分", [
        new("项目名称", FieldType.Text, "", true),
        new("主管部门", FieldType.Text),
        new("实施单位", FieldType.Text),
        new("项目负责人", FieldType.Text),
        new("财务负责人", FieldType.Text),
        new("年度目标", FieldType.LongText),
        new("实际完成情况", FieldType.LongText),
        new("自评得分", FieldType.Amount, "分"),
        new("评价结论", FieldType.LongText),
        new("存在问题", FieldType.LongText),
        new("改进措施", FieldType.LongText),
        new("项目实施内容及过程概述", FieldType.LongText, "自评表“2.项目实施内容及过程概述”；可不填（空白印为空白）"),
        // Hubei's 项目支出绩效自评表 heads the form with these three; other regions' forms do not, so they are asked
        // for (a placeholder and a finding) only where a template prints them.
        new("项目类别", FieldType.Text, "湖北自评表的“项目类别”，如“部门预算项目”；模板印出时才须填写"),
        new("项目属性", FieldType.Text, "湖北自评表的“项目属性”，如“持续性项目”“新增性项目”；模板印出时才须填写"),
        new("项目类型", FieldType.Text, "湖北自评表的“项目类型”，如“常年性项目”“延续性项目”“一次性项目”；模板印出时才须填写"),
    ]);

    /// <summary>指标性质; ＜ and ＞ as reference 000's forms use them (系统故障处理时限 ＜ 24 小时).</summary>
    public static readonly IReadOnlyList<string> IndicatorNatures = ["=", "≥", "≤", "<", ">", "定性"];

    public static readonly IReadOnlyList<string> FundKinds = ["总额", "财政资金", "财政专户管理资金", "单位资金", "其他资金"];

    public static readonly SheetSpec ProjectFunds = new("项目资金", true, "每个项目的预算执行情况（万元）", [
        new("项目名称", FieldType.Text, "与“项目绩效”表一致", true),
        new("资金类别", FieldType.Choice, "", true, FundKinds),
        new("年初预算数", FieldType.Amount),
        new("调整后预算数", FieldType.Amount),
        new("执行数", FieldType.Amount),
        new("权重", FieldType.Amount, "只填“总额”一行：预算执行率的分值（如10）"),
        new("得分", FieldType.Amount, "只填“总额”一行；不填则按 权重×执行率 计算（不超过权重）"),
        new("偏差原因", FieldType.LongText),
    ]);

    public static readonly SheetSpec ProjectIndicators = new("绩效指标", true, "每个项目的绩效指标完成情况", [
        new("项目名称", FieldType.Text, "与“项目绩效”表一致", true),
        new("一级指标", FieldType.Text),
        new("二级指标", FieldType.Text),
        new("三级指标", FieldType.Text, "", true),
        new("指标性质", FieldType.Choice, "", false, IndicatorNatures),
        new("指标值", FieldType.Text),
        new("度量单位", FieldType.Text),
        new("完成值", FieldType.Text),
        new("权重", FieldType.Amount),
        new("得分", FieldType.Amount),
        new("未完成原因", FieldType.LongText),
    ]);

    /// <summary>
    /// The 部门（单位）整体支出绩效目标申报表 (reference 000's 附件): its goal text and funds. Optional (added after
    /// workbooks were in use); the 合计 columns are computed, never typed.
    /// </summary>
    public static readonly SheetSpec DepartmentTargets = new("整体绩效目标", false, "部门（单位）整体支出绩效目标申报表（万元；合计由程序计算）", [
        new("预算单位名称", FieldType.Text, "申报表的“预算（单位）名称”，如：402-医疗保障部门"),
        new("基本支出财政拨款", FieldType.Amount, "万元"),
        new("基本支出专户资金", FieldType.Amount, "万元"),
        new("基本支出单位资金", FieldType.Amount, "万元"),
        new("项目支出财政拨款", FieldType.Amount, "万元"),
        new("项目支出专户资金", FieldType.Amount, "万元"),
        new("项目支出单位资金", FieldType.Amount, "万元"),
        new("整体绩效目标", FieldType.LongText, "可分段，如：目标一：……"),
        new("其他说明", FieldType.LongText),
    ]) { Optional = true };

    /// <summary>The 申报表's 年度主要任务 rows.</summary>
    public static readonly SheetSpec DepartmentTasks = new("年度主要任务", true, "部门整体支出绩效目标申报表的年度主要任务，一行一项", [
        new("任务名称", FieldType.Text, "", true),
        new("主要内容", FieldType.LongText),
    ]) { Optional = true };

    /// <summary>The 申报表's 年度绩效指标 rows; their weights add up to 100 (CHK111).</summary>
    public static readonly SheetSpec DepartmentIndicators = new("整体绩效指标", true, "部门整体支出绩效目标申报表的年度绩效指标，一行一个", [
        new("一级指标", FieldType.Text),
        new("二级指标", FieldType.Text),
        new("三级指标", FieldType.Text, "", true),
        new("指标性质", FieldType.Choice, "", false, IndicatorNatures),
        new("指标值", FieldType.Text),
        new("度量单位", FieldType.Text),
        new("权重", FieldType.Amount, "各指标权重之和应为100"),
        new("完成值", FieldType.Text, "实际完成指标值（部门整体支出绩效目标完成情况自评表；报告列出完成情况时填写）"),
    ]) { Optional = true };

    /// <summary>
    /// Named text a template places whole ({{text "名称"}}): narrative pasted from Word. Optional, so a
    /// workbook made before it existed still validates as it did.
    /// </summary>
    public static readonly SheetSpec NamedTexts = new("文字", true, "报告中整段引用的文字（如重点工作完成情况、绩效评价报告），模板按名称引用", [
        new("名称", FieldType.Text, "模板中引用的名称，如：重点工作完成情况", true),
        new("项目名称", FieldType.Text, "只属于一个项目的文字填写项目名称（与“项目绩效”表一致），其余留空"),
        new("内容", FieldType.LongText, "从 Word 复制粘贴，可分段；标题写作 一、（一）1.（1）；〔本年收入合计〕处插入报告中的数字"),
    ]) { Optional = true };

    /// <summary>A sheet whose name starts with this is a user table, printed as entered where a template names it ({{userTable "评分表"}}).</summary>
    public const string UserTablePrefix = "表格";

    public static readonly IReadOnlyList<SheetSpec> Supplements =
    [
        BasicInfo, Duties, Organisation, PriorYear, ItemBudgets, IncomeBudgets, ExpenditureBudgets, Reasons, ThreePublicCounts, VehicleTypes,
        Procurement, Assets, Glossary, Performance, Projects, ProjectFunds, ProjectIndicators,
        NamedTexts, DepartmentTargets, DepartmentTasks, DepartmentIndicators,
    ];
}
