namespace FinalAccounts.Calculation;

/// <summary>
/// The report's view model: everything a template reads, every number rounded and formatted,
/// every phrase choice made. Templates see it as camelCase fields (see `generator fields`).
/// </summary>
/// <param name="Department">部门与封面</param>
/// <param name="Overview">一、收入支出决算总体情况</param>
/// <param name="Income">二、收入决算情况</param>
/// <param name="Expenditure">三、支出决算情况</param>
/// <param name="Fiscal">四、财政拨款收入支出决算总体情况</param>
/// <param name="GeneralBudget">五、一般公共预算财政拨款支出决算情况</param>
/// <param name="Basic">六、一般公共预算财政拨款基本支出</param>
/// <param name="ThreePublic">七、“三公”经费财政拨款支出</param>
/// <param name="GovernmentFund">八、政府性基金预算支出</param>
/// <param name="StateCapital">九、国有资本经营预算支出</param>
/// <param name="Other">十、其他重要事项</param>
/// <param name="Glossary">名词解释（每条一项）</param>
/// <param name="Performance">预算绩效管理与附件（自评报告、自评表）</param>
/// <param name="Charts">图1–图7 的数据</param>
/// <param name="Appendix">第五部分 附表（公开表，每张一项）</param>
public sealed record ReportModel(
    DepartmentSection Department,
    OverviewSection Overview,
    IncomeSection Income,
    ExpenditureSection Expenditure,
    FiscalSection Fiscal,
    GeneralBudgetSection GeneralBudget,
    BasicSection Basic,
    ThreePublicSection ThreePublic,
    FundSection GovernmentFund,
    FundSection StateCapital,
    OtherMattersSection Other,
    IReadOnlyList<GlossaryEntry> Glossary,
    PerformanceSection Performance,
    ChartsSection Charts,
    IReadOnlyList<PublicTableView> Appendix)
{
    /// <summary>“文字”表中不属于某个项目的文字（每段文字一项），模板用 {{text "名称"}} 引用</summary>
    public IReadOnlyList<NamedTextView> Texts { get; init; } = [];

    /// <summary>名称以“表格”开头的工作表（每张一项），模板用 {{userTable "名称"}} 引用</summary>
    public IReadOnlyList<UserTableView> UserTables { get; init; } = [];

    /// <summary>预算与决算对照：各项收入、各类支出的年初预算、追加、全年（调整后）预算和决算（“收入预算”“支出预算”表）</summary>
    public BudgetSideSection BudgetSide { get; init; } = null!;

    /// <summary>工作簿有“文字”表（按新格式填写）：模板据此决定是否引用文字和表格；早先的工作簿没有这张表，报告不变</summary>
    public bool HasTextSheet { get; init; }
}

/// <param name="Number">序号（从 1 起）</param>
/// <param name="Text">该条文字</param>
public sealed record Numbered(int Number, string Text);

/// <param name="Number">序号</param>
/// <param name="Name">单位名称</param>
/// <param name="Kind">单位性质（如 行政单位）</param>
/// <param name="Note">备注</param>
public sealed record Unit(int Number, string Name, string Kind, string Note);

/// <summary>封面 and 第一部分. DutiesMissing/UnitsMissing: the placeholder when the sheet has no rows at all, else empty.</summary>
/// <param name="Name">部门（单位）名称</param>
/// <param name="Year">决算年度<unit>年</unit></param>
/// <param name="PriorYear">上一年度<unit>年</unit></param>
/// <param name="UnitType">单位类型（基本信息）</param>
/// <param name="Duties">部门职责（每条一项）</param>
/// <param name="OrganisationIntro">机构设置的说明文字</param>
/// <param name="Units">纳入决算编制范围的单位（每个一项）</param>
public sealed record DepartmentSection(
    string Name, int Year, int PriorYear, string UnitType, IReadOnlyList<Numbered> Duties, string OrganisationIntro, IReadOnlyList<Unit> Units)
{
    /// <summary>人员概况：实有人数、行政编制数、事业编制数、编外人员数（基本信息表）</summary>
    public StaffCounts Staff { get; init; } = null!;

    /// <summary>部门职责表一行也没有时的待填写标记，否则为空</summary>
    public string DutiesMissing { get; init; } = "";

    /// <summary>单位表一行也没有时的待填写标记，否则为空</summary>
    public string UnitsMissing { get; init; } = "";

    /// <summary>封面日期：基本信息的报告日期，未填时为生成报告的月份（如 2025年9月）</summary>
    public string ReportDate { get; init; } = "";
}

/// <summary>一、收入支出决算总体情况.</summary>
/// <param name="Total">收、支总计与上年相比</param>
/// <param name="IncomeGrandTotal">收入总计</param>
/// <param name="ExpenditureGrandTotal">支出总计</param>
public sealed record OverviewSection(Change Total, Money IncomeGrandTotal, Money ExpenditureGrandTotal);

/// <summary>二、收入决算情况: every source listed, zeros included.</summary>
/// <param name="Total">本年收入合计与上年相比</param>
/// <param name="Sources">各项收入来源（含为 0 的）及占比</param>
public sealed record IncomeSection(Change Total, IReadOnlyList<Share> Sources)
{
    /// <summary>一般公共预算财政拨款收入与上年相比（上年数取自“上年数”表的“一般公共预算财政拨款收入”；模板用到而未填写时才提示）</summary>
    public Change GeneralBudgetChange { get; init; } = null!;
}

/// <summary>三、支出决算情况: 基本/项目/上缴上级/经营/对附属单位补助.</summary>
/// <param name="Total">本年支出合计与上年相比</param>
/// <param name="Kinds">各类支出（基本、项目、上缴上级、经营、对附属单位补助）及占比</param>
public sealed record ExpenditureSection(Change Total, IReadOnlyList<Share> Kinds);

/// <summary>四、财政拨款收入支出决算总体情况.</summary>
/// <param name="Total">财政拨款收、支总计与上年相比</param>
/// <param name="IncomeTotal">财政拨款收入合计</param>
/// <param name="ExpenditureTotal">财政拨款支出合计</param>
/// <param name="IncomeFunds">财政拨款收入按资金来源（一般公共预算、政府性基金、国有资本经营）</param>
/// <param name="IncomeChange">财政拨款收入合计与上年相比（上年数取自“上年数”表的“财政拨款收入”；模板用到而未填写时才提示）</param>
/// <param name="ExpenditureChange">财政拨款支出合计与上年相比（上年数取自“上年数”表的“财政拨款支出”；模板用到而未填写时才提示）</param>
/// <param name="ExpenditureFunds">财政拨款支出按资金来源</param>
public sealed record FiscalSection(Change Total, Money IncomeTotal, Money ExpenditureTotal, IReadOnlyList<Share> IncomeFunds, IReadOnlyList<Share> ExpenditureFunds,
    Change IncomeChange, Change ExpenditureChange);

/// <summary>One numbered paragraph of 五(三): a 项 with its 类 and 款 names and its budget completion.</summary>
/// <param name="Number">序号</param>
/// <param name="Code">科目编码（项）</param>
/// <param name="CategoryName">类名称</param>
/// <param name="SectionName">款名称</param>
/// <param name="ItemName">项名称</param>
/// <param name="Amount">支出决算数</param>
/// <param name="Completion">与预算相比</param>
public sealed record BudgetItem(int Number, string Code, string CategoryName, string SectionName, string ItemName, Money Amount, BudgetCompletion Completion);

/// <summary>五、一般公共预算财政拨款支出决算情况.</summary>
/// <param name="Total">一般公共预算财政拨款支出与上年相比</param>
/// <param name="ShareOfExpenditure">占本年支出合计的比例</param>
/// <param name="Basic">其中基本支出</param>
/// <param name="Project">其中项目支出</param>
/// <param name="Categories">按功能分类“类”的支出及占比</param>
/// <param name="Items">各“项”的支出与预算完成情况（每项一段）</param>
/// <param name="Completion">一般公共预算财政拨款支出合计与各项预算数之和相比（总体完成预算的比例；任一项缺预算数时待补充）</param>
public sealed record GeneralBudgetSection(
    Change Total, Percent ShareOfExpenditure, Money Basic, Money Project, IReadOnlyList<Share> Categories, IReadOnlyList<BudgetItem> Items,
    BudgetCompletion Completion);

/// <param name="Code">经济分类科目编码</param>
/// <param name="Name">科目名称</param>
/// <param name="Amount">金额</param>
public sealed record NamedMoney(string Code, string Name, Money Amount);

/// <summary>六、基本支出: 人员经费 and 公用经费 with the names of their non-zero items.</summary>
/// <param name="Total">基本支出合计</param>
/// <param name="Personnel">人员经费</param>
/// <param name="PersonnelItems">人员经费的各科目（非零）</param>
/// <param name="PersonnelNames">人员经费各科目名称（非零）</param>
/// <param name="Public">公用经费</param>
/// <param name="PublicItems">公用经费的各科目（非零）</param>
/// <param name="PublicNames">公用经费各科目名称（非零）</param>
/// <param name="PersonnelChange">人员经费与上年相比</param>
/// <param name="PublicChange">公用经费与上年相比</param>
/// <param name="TotalChange">基本支出与上年相比</param>
public sealed record BasicSection(
    Money Total, Money Personnel, IReadOnlyList<NamedMoney> PersonnelItems, IReadOnlyList<string> PersonnelNames,
    Money Public, IReadOnlyList<NamedMoney> PublicItems, IReadOnlyList<string> PublicNames, Change PersonnelChange, Change PublicChange,
    Change TotalChange);

/// <summary>A count the user supplies (团组, 人次, 辆 …); Text is a placeholder when it is missing.</summary>
/// <param name="Value">数量<unit/></param>
/// <param name="Text">印出的数量（未填写时为待填写标记）<unit/></param>
/// <param name="IsMissing">工作簿未填写</param>
/// <param name="IsZero">为 0</param>
/// <param name="Source">来源单元格（如 三公经费!B3）</param>
public sealed record Count(decimal Value, string Text, bool IsMissing, bool IsZero, string Source);

/// <param name="Name">项目名称</param>
/// <param name="Budget">预算数</param>
/// <param name="Actual">决算数</param>
/// <param name="Completion">与预算相比</param>
/// <param name="Change">与上年相比</param>
/// <param name="Share">占“三公”经费决算的比例</param>
public sealed record ThreePublicItem(string Name, Money Budget, Money Actual, BudgetCompletion Completion, Change Change, Percent Share);

/// <summary>七、“三公”经费.</summary>
/// <param name="Budget">“三公”经费预算数</param>
/// <param name="Actual">“三公”经费决算数</param>
/// <param name="Completion">“三公”经费与预算相比</param>
/// <param name="Change">“三公”经费与上年相比</param>
/// <param name="Abroad">因公出国（境）费</param>
/// <param name="Vehicles">公务用车购置及运行维护费</param>
/// <param name="VehiclePurchase">公务用车购置费</param>
/// <param name="VehicleRunning">公务用车运行维护费</param>
/// <param name="Reception">公务接待费</param>
/// <param name="AbroadGroups">因公出国（境）团组数<unit>个</unit></param>
/// <param name="AbroadPeople">因公出国（境）人次<unit>人次</unit></param>
/// <param name="VehiclesPurchased">购置公务用车数<unit>辆</unit></param>
/// <param name="VehiclesHeld">年末公务用车保有量<unit>辆</unit></param>
/// <param name="ReceptionBatches">国内公务接待批次<unit>批次</unit></param>
/// <param name="ReceptionPeople">国内公务接待人次<unit>人次</unit></param>
/// <param name="ForeignBatches">外事接待批次<unit>批次</unit></param>
/// <param name="ForeignPeople">外事接待人次<unit>人次</unit></param>
public sealed record ThreePublicSection(
    Money Budget, Money Actual, BudgetCompletion Completion, Change Change,
    ThreePublicItem Abroad, ThreePublicItem Vehicles, ThreePublicItem VehiclePurchase, ThreePublicItem VehicleRunning, ThreePublicItem Reception,
    Count AbroadGroups, Count AbroadPeople, Count VehiclesPurchased, Count VehiclesHeld,
    Count ReceptionBatches, Count ReceptionPeople, Count ForeignBatches, Count ForeignPeople)
{
    /// <summary>公务用车按车型（“公务用车车型”表，按填写顺序；未填该表时为空）</summary>
    public IReadOnlyList<VehicleType> VehicleTypes { get; init; } = [];

    /// <summary>分别填写了国内公务接待费（“三公经费”表），可分国内、外事写出接待情况</summary>
    public bool HasReceptionSplit { get; init; }

    /// <summary>国内公务接待费（万元，未分列时为待填写标记）</summary>
    public Money DomesticReception { get; init; } = Round.Missing("");

    /// <summary>国内公务接待的内容（如：上级部门检查调研工作餐）</summary>
    public string DomesticReceptionPurpose { get; init; } = "";

    /// <summary>外事接待费（万元）</summary>
    public Money ForeignReception { get; init; } = Round.Missing("");

    /// <summary>外事接待的内容（未填时为空）</summary>
    public string ForeignReceptionPurpose { get; init; } = "";
}

/// <param name="Name">车型（如轿车、越野车、载客汽车）</param>
/// <param name="Purchased">本年购置数量<unit>辆</unit></param>
/// <param name="PurchaseAmount">本年购置金额<unit>万元</unit></param>
/// <param name="Held">年末保有量<unit>辆</unit></param>
public sealed record VehicleType(string Name, Count Purchased, Money PurchaseAmount, Count Held);

/// <summary>八/九: a fund's spending, or HasData false for "本单位当年无……".</summary>
/// <param name="HasData">当年有此项支出（否则写“本单位当年无……”）</param>
/// <param name="Total">支出合计</param>
/// <param name="Change">与上年相比</param>
/// <param name="Categories">按功能分类“类”的支出及占比</param>
public sealed record FundSection(bool HasData, Money Total, Change Change, IReadOnlyList<Share> Categories);

/// <summary>政府采购. HasProcurement: a total above 0 was entered; IsMissing: the total was left blank (Total.Text is then the placeholder).</summary>
/// <param name="Total">政府采购支出总额</param>
/// <param name="Goods">货物采购</param>
/// <param name="Works">工程采购</param>
/// <param name="Services">服务采购</param>
/// <param name="GoodsShare">货物占比</param>
/// <param name="WorksShare">工程占比</param>
/// <param name="ServicesShare">服务占比</param>
/// <param name="SmallAndMedium">授予中小企业合同金额</param>
/// <param name="SmallAndMediumShare">中小企业合同占比</param>
/// <param name="Micro">授予小微企业合同金额</param>
/// <param name="MicroShare">小微企业合同占中小企业合同的比例</param>
/// <param name="HasProcurement">填写了大于 0 的采购总额</param>
public sealed record ProcurementSection(
    Money Total, Money Goods, Money Works, Money Services, Percent GoodsShare, Percent WorksShare, Percent ServicesShare,
    Money SmallAndMedium, Percent SmallAndMediumShare, Money Micro, Percent MicroShare, bool HasProcurement)
{
    /// <summary>政府采购支出总额未填写（Total.Text 为待填写标记）</summary>
    public bool IsMissing { get; init; }

    /// <summary>货物、工程、服务各自授予中小企业的合同金额及其占该类采购的比例（湖北等地区分类写出；模板用到而未填写时才提示）</summary>
    public IReadOnlyList<ProcurementKindShare> SmallAndMediumByKind { get; init; } = [];

    /// <summary>可以逐项列出：总额大于 0，或总额为 0 且各分项都填写了 0（如“政府采购支出总额0万元，其中：政府采购货物支出0万元、…”）</summary>
    public bool HasBreakdown { get; init; }

    /// <summary>政府采购主要用途（如“购买日常工作所需办公设备”；未填写时为待填写标记，模板用到时才提示）</summary>
    public string Purpose { get; init; } = "";
}

/// <param name="Name">类别名称</param>
/// <param name="Count">数量</param>
public sealed record NamedCount(string Name, Count Count);

/// <summary>One kind of procurement (货物/工程/服务) and what of it went to small and medium enterprises.</summary>
/// <param name="Name">采购类别（货物、工程、服务）</param>
/// <param name="Total">该类政府采购支出</param>
/// <param name="SmallAndMedium">该类授予中小企业合同金额</param>
/// <param name="Share">占该类政府采购支出的比例（该类支出为 0 时为 0）</param>
public sealed record ProcurementKindShare(string Name, Money Total, Money SmallAndMedium, Percent Share);

/// <param name="Vehicles">车辆总数<unit>辆</unit></param>
/// <param name="VehicleCategories">各类车辆，按“国有资产”表中填写的类别和顺序（如领导干部用车、一般公务用车……，或主要领导干部用车、机要通信用车……）</param>
/// <param name="GeneralEquipment">单价50万元以上通用设备<unit>台（套）</unit></param>
/// <param name="SpecialEquipment">单价100万元以上专用设备<unit>台（套）</unit></param>
public sealed record AssetsSection(Count Vehicles, IReadOnlyList<NamedCount> VehicleCategories, Count GeneralEquipment, Count SpecialEquipment)
{
    /// <summary>设备各行，按“国有资产”表中填写的名称和顺序（名称含“设备”的行，如单价100万元以上专用设备）</summary>
    public IReadOnlyList<NamedCount> Equipment { get; init; } = [];
}

/// <summary>十、其他重要事项.</summary>
/// <param name="OperatingCost">机关运行经费与上年相比</param>
/// <param name="Procurement">政府采购</param>
/// <param name="Assets">国有资产占有使用</param>
public sealed record OtherMattersSection(Change OperatingCost, ProcurementSection Procurement, AssetsSection Assets);

/// <summary>A 名词解释 entry: a general term, or a 类/款/项 with the names of its chain.</summary>
/// <param name="Number">序号</param>
/// <param name="Term">名词</param>
/// <param name="IsSubject">是功能分类科目（类/款/项），不是一般名词</param>
/// <param name="Code">科目编码</param>
/// <param name="Level">科目级次（类、款、项）</param>
/// <param name="CategoryName">所属类名称</param>
/// <param name="SectionName">所属款名称</param>
/// <param name="ItemName">项名称</param>
/// <param name="Explanation">解释文字</param>
/// <param name="IsMissing">解释未填写（Explanation 为待填写标记）</param>
public sealed record GlossaryEntry(
    int Number, string Term, bool IsSubject, string Code, string Level, string CategoryName, string SectionName, string ItemName,
    string Explanation, bool IsMissing);

/// <param name="Kind">资金类别（总额、财政拨款、其他资金）</param>
/// <param name="OpeningBudget">年初预算数</param>
/// <param name="AdjustedBudget">全年预算数</param>
/// <param name="Executed">全年执行数</param>
/// <param name="Rate">执行率</param>
/// <param name="HasRate">有执行率（预算数不为 0）</param>
/// <param name="Weight">分值</param>
/// <param name="Score">得分</param>
/// <param name="Reason">偏差原因</param>
public sealed record ProjectFund(string Kind, Money OpeningBudget, Money AdjustedBudget, Money Executed, Percent? Rate, bool HasRate, string Weight, string Score, string Reason)
{
    /// <summary>“总额”一行：有权重和得分（得分未填时 = 权重 × 执行率，不超过权重）；其他资金类别的权重、得分不适用（自评表印“/”）</summary>
    public bool IsScored { get; init; }
}

/// <param name="Level1">一级指标</param>
/// <param name="Level2">二级指标</param>
/// <param name="Level3">三级指标</param>
/// <param name="Nature">指标性质（≥、≤、＝、定性）</param>
/// <param name="Target">年度指标值</param>
/// <param name="Unit">度量单位</param>
/// <param name="Actual">实际完成值</param>
/// <param name="Weight">分值</param>
/// <param name="Score">得分</param>
/// <param name="Reason">偏差原因及改进措施</param>
public sealed record ProjectIndicator(string Level1, string Level2, string Level3, string Nature, string Target, string Unit, string Actual, string Weight, string Score, string Reason);

/// <summary>One 项目支出绩效自评表.</summary>
/// <param name="Number">序号</param>
/// <param name="Name">项目名称</param>
/// <param name="Department">主管部门</param>
/// <param name="Implementer">实施单位</param>
/// <param name="Leader">项目负责人</param>
/// <param name="FinanceLeader">财务负责人</param>
/// <param name="Goal">年度总体目标</param>
/// <param name="Result">总体目标完成情况</param>
/// <param name="Score">自评总分（“自评得分”未填时为合计行的得分）</param>
/// <param name="Conclusion">自评结论</param>
/// <param name="Problems">存在的问题</param>
/// <param name="Improvements">改进措施</param>
/// <param name="Funds">项目资金（各资金类别一项）</param>
/// <param name="Indicators">绩效指标（每个一项）</param>
public sealed record ProjectEvaluation(
    int Number, string Name, string Department, string Implementer, string Leader, string FinanceLeader,
    string Goal, string Result, string Score, string Conclusion, string Problems, string Improvements,
    IReadOnlyList<ProjectFund> Funds, IReadOnlyList<ProjectIndicator> Indicators)
{
    /// <summary>“文字”表中项目名称为本项目的文字（每段文字一项），在项目循环中用 {{text "名称"}} 引用</summary>
    public IReadOnlyList<NamedTextView> Texts { get; init; } = [];

    /// <summary>项目资金中“总额”一行：如 {{total.adjustedBudget.text}}（没有这一行时金额为待填写标记）</summary>
    public ProjectFund Total { get; init; } = null!;

    /// <summary>项目资金中“财政资金”一行：如“其中－财政拨款”（没有这一行时金额为待填写标记）</summary>
    public ProjectFund Fiscal { get; init; } = null!;

    /// <summary>“文字”表中有本项目的文字（项目名称为本项目的行）</summary>
    public bool HasTexts { get; init; }

    /// <summary>“自评得分”是填写的（未填时 score 为合计行的得分）</summary>
    public bool ScoreTyped { get; init; }

    /// <summary>项目实施内容及过程概述（未填为空）</summary>
    public string Summary { get; init; } = "";

    /// <summary>项目类别（湖北自评表，如“部门预算项目”；未填时为待填写标记，报告印出时才列入检查结果）</summary>
    public string Category { get; init; } = "";

    /// <summary>项目属性（湖北自评表，如“持续性项目”；未填时为待填写标记，报告印出时才列入检查结果）</summary>
    public string Attribute { get; init; } = "";

    /// <summary>项目类型（湖北自评表，如“常年性项目”；未填时为待填写标记，报告印出时才列入检查结果）</summary>
    public string ProjectType { get; init; } = "";

    /// <summary>预算执行情况的分值：“总额”一行的权重（如 10，印在“预算执行情况（10分）”中）；没有“总额”一行时为待填写标记<unit>分</unit></summary>
    public string BudgetPoints { get; init; } = "";

    /// <summary>绩效指标的分值：各指标权重之和（如 90）；没有指标时为待填写标记<unit>分</unit></summary>
    public string IndicatorPoints { get; init; } = "";

    /// <summary>合计行的权重：“总额”的权重与各指标权重之和（某项未填时为其待填写标记）<unit>分</unit></summary>
    public string WeightTotal { get; init; } = "";

    /// <summary>合计行的得分：“总额”的得分与各指标得分之和（某项未填时为其待填写标记）<unit>分</unit></summary>
    public string ScoreTotal { get; init; } = "";
}

/// <summary>(四) 预算绩效管理 and 第四部分 附件.</summary>
/// <param name="DepartmentScore">部门整体支出绩效自评得分</param>
/// <param name="ManagementParagraphs">预算绩效管理情况（每段一项）</param>
/// <param name="ReportParagraphs">部门整体支出绩效自评报告（每段一项）</param>
/// <param name="ProjectCount">开展绩效自评的项目个数<unit>个</unit></param>
/// <param name="ProjectFunds">自评项目涉及的资金</param>
/// <param name="Projects">项目支出绩效自评表（每个项目一项）</param>
public sealed record PerformanceSection(
    string DepartmentScore, IReadOnlyList<string> ManagementParagraphs, IReadOnlyList<string> ReportParagraphs,
    int ProjectCount, Money ProjectFunds, IReadOnlyList<ProjectEvaluation> Projects)
{
    /// <summary>部门（单位）整体支出绩效目标申报表（工作簿有“整体绩效目标”表时 isGiven 为真）</summary>
    public DepartmentTargets Targets { get; init; } = DepartmentTargets.None;
}

/// <param name="Label">类别（图中的标签，如 2024年）</param>
/// <param name="Value">数值<unit>万元</unit></param>
/// <param name="Text">印出的数值<unit>万元</unit></param>
public sealed record ChartPoint(string Label, decimal Value, string Text)
{
    /// <summary>结构图中该块按正文口径印出的占比（如 92.76，最大余数法），柱形图为空<unit>%</unit></summary>
    /// <remarks>A structure chart's slice as the text prints its share, so the pie's label and the sentence agree; "" for bars.</remarks>
    public string Percent { get; init; } = "";
}

/// <summary>The series behind one figure; the values are the rounded figures the text prints. Its legend text is the template's.</summary>
/// <param name="Kind">图表类型（bar 柱形图、pie 饼图）</param>
/// <param name="Points">数据点（每个一项）</param>
public sealed record Chart(string Kind, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>因数据未填写而没有画出的类别（图题后注明）</summary>
    /// <remarks>The labels of points left out because their figure is missing (the caption says so); empty when none.</remarks>
    public IReadOnlyList<string> MissingLabels { get; init; } = [];

    /// <summary>至少两个非零数据点（结构图才有意义）</summary>
    /// <remarks>At least two non-zero points: a structure chart says something. With one, a sentence says it better.</remarks>
    public bool HasSeveralParts => Points.Count(p => p.Value != 0) >= 2;

    /// <summary>只有一个非零数据点时它的名称，否则为空</summary>
    /// <remarks>The label of the only non-zero point when there is exactly one (e.g. 公务接待费), else empty.</remarks>
    public string SinglePart => Points.Count(p => p.Value != 0) == 1 ? Points.Single(p => p.Value != 0).Label : "";

    /// <summary>与报告中前一幅图完全相同（类型、类别和数值），模板可改用一句话说明</summary>
    /// <remarks>
    /// The figure just before it in the report is the same chart (kind, labels and values): 图5 repeats 图4 when all
    /// 财政拨款 is 一般公共预算. A template may print a sentence instead of drawing it twice.
    /// </remarks>
    public bool SameAsPrevious { get; init; }

    public bool HasSamePointsAs(Chart other) => Kind == other.Kind && Points.Count > 0
        && Points.Select(p => (p.Label, p.Value)).SequenceEqual(other.Points.Select(p => (p.Label, p.Value)));
}

/// <summary>图1–图7.</summary>
/// <param name="TotalChange">图1 收、支决算总计变动</param>
/// <param name="IncomeStructure">图2 收入结构</param>
/// <param name="ExpenditureStructure">图3 支出结构</param>
/// <param name="FiscalChange">图4 财政拨款收、支总计变动</param>
/// <param name="GeneralBudgetChange">图5 一般公共预算财政拨款支出变动</param>
/// <param name="GeneralBudgetStructure">图6 一般公共预算财政拨款支出结构</param>
/// <param name="ThreePublicStructure">图7 “三公”经费支出结构</param>
public sealed record ChartsSection(
    Chart TotalChange, Chart IncomeStructure, Chart ExpenditureStructure, Chart FiscalChange,
    Chart GeneralBudgetChange, Chart GeneralBudgetStructure, Chart ThreePublicStructure);
