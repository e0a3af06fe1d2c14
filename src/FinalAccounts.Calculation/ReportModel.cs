namespace FinalAccounts.Calculation;

/// <summary>
/// The report's view model: everything a template reads, every number rounded and formatted,
/// every phrase choice made. Templates see it as camelCase fields (see `generator fields`).
/// </summary>
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
    IReadOnlyList<PublicTableView> Appendix);

public sealed record Numbered(int Number, string Text);

public sealed record Unit(int Number, string Name, string Kind, string Note);

/// <summary>封面 and 第一部分. DutiesMissing/UnitsMissing: the placeholder when the sheet has no rows at all, else empty.</summary>
public sealed record DepartmentSection(
    string Name, int Year, int PriorYear, string UnitType, IReadOnlyList<Numbered> Duties, string OrganisationIntro, IReadOnlyList<Unit> Units)
{
    public string DutiesMissing { get; init; } = "";

    public string UnitsMissing { get; init; } = "";

    /// <summary>The cover's date: 基本信息 报告日期, or the month the report was generated (e.g. 2025年9月).</summary>
    public string ReportDate { get; init; } = "";
}

/// <summary>一、收入支出决算总体情况.</summary>
public sealed record OverviewSection(Change Total, Money IncomeGrandTotal, Money ExpenditureGrandTotal);

/// <summary>二、收入决算情况: every source listed, zeros included.</summary>
public sealed record IncomeSection(Change Total, IReadOnlyList<Share> Sources);

/// <summary>三、支出决算情况: 基本/项目/上缴上级/经营/对附属单位补助.</summary>
public sealed record ExpenditureSection(Change Total, IReadOnlyList<Share> Kinds);

/// <summary>四、财政拨款收入支出决算总体情况.</summary>
public sealed record FiscalSection(Change Total, Money IncomeTotal, Money ExpenditureTotal, IReadOnlyList<Share> IncomeFunds, IReadOnlyList<Share> ExpenditureFunds);

/// <summary>One numbered paragraph of 五(三): a 项 with its 类 and 款 names and its budget completion.</summary>
public sealed record BudgetItem(int Number, string Code, string CategoryName, string SectionName, string ItemName, Money Amount, BudgetCompletion Completion);

/// <summary>五、一般公共预算财政拨款支出决算情况.</summary>
public sealed record GeneralBudgetSection(
    Change Total, Percent ShareOfExpenditure, Money Basic, Money Project, IReadOnlyList<Share> Categories, IReadOnlyList<BudgetItem> Items);

public sealed record NamedMoney(string Code, string Name, Money Amount);

/// <summary>六、基本支出: 人员经费 and 公用经费 with the names of their non-zero items.</summary>
public sealed record BasicSection(
    Money Total, Money Personnel, IReadOnlyList<NamedMoney> PersonnelItems, IReadOnlyList<string> PersonnelNames,
    Money Public, IReadOnlyList<NamedMoney> PublicItems, IReadOnlyList<string> PublicNames, Change PersonnelChange, Change PublicChange,
    Change TotalChange);

/// <summary>A count the user supplies (团组, 人次, 辆 …); Text is a placeholder when it is missing.</summary>
public sealed record Count(decimal Value, string Text, bool IsMissing, bool IsZero, string Source);

public sealed record ThreePublicItem(string Name, Money Budget, Money Actual, BudgetCompletion Completion, Change Change, Percent Share);

/// <summary>七、“三公”经费.</summary>
public sealed record ThreePublicSection(
    Money Budget, Money Actual, BudgetCompletion Completion, Change Change,
    ThreePublicItem Abroad, ThreePublicItem Vehicles, ThreePublicItem VehiclePurchase, ThreePublicItem VehicleRunning, ThreePublicItem Reception,
    Count AbroadGroups, Count AbroadPeople, Count VehiclesPurchased, Count VehiclesHeld,
    Count ReceptionBatches, Count ReceptionPeople, Count ForeignBatches, Count ForeignPeople);

/// <summary>八/九: a fund's spending, or HasData false for "本单位当年无……".</summary>
public sealed record FundSection(bool HasData, Money Total, Change Change, IReadOnlyList<Share> Categories);

/// <summary>政府采购. HasProcurement: a total above 0 was entered; IsMissing: the total was left blank (Total.Text is then the placeholder).</summary>
public sealed record ProcurementSection(
    Money Total, Money Goods, Money Works, Money Services, Percent GoodsShare, Percent WorksShare, Percent ServicesShare,
    Money SmallAndMedium, Percent SmallAndMediumShare, Money Micro, Percent MicroShare, bool HasProcurement)
{
    public bool IsMissing { get; init; }
}

public sealed record NamedCount(string Name, Count Count);

public sealed record AssetsSection(Count Vehicles, IReadOnlyList<NamedCount> VehicleCategories, Count GeneralEquipment, Count SpecialEquipment);

/// <summary>十、其他重要事项.</summary>
public sealed record OtherMattersSection(Change OperatingCost, ProcurementSection Procurement, AssetsSection Assets);

/// <summary>A 名词解释 entry: a general term, or a 类/款/项 with the names of its chain.</summary>
public sealed record GlossaryEntry(
    int Number, string Term, bool IsSubject, string Code, string Level, string CategoryName, string SectionName, string ItemName,
    string Explanation, bool IsMissing);

public sealed record ProjectFund(string Kind, Money OpeningBudget, Money AdjustedBudget, Money Executed, Percent? Rate, bool HasRate, string Weight, string Score, string Reason);

public sealed record ProjectIndicator(string Level1, string Level2, string Level3, string Nature, string Target, string Unit, string Actual, string Weight, string Score, string Reason);

/// <summary>One 项目支出绩效自评表.</summary>
public sealed record ProjectEvaluation(
    int Number, string Name, string Department, string Implementer, string Leader, string FinanceLeader,
    string Goal, string Result, string Score, string Conclusion, string Problems, string Improvements,
    IReadOnlyList<ProjectFund> Funds, IReadOnlyList<ProjectIndicator> Indicators);

/// <summary>(四) 预算绩效管理 and 第四部分 附件.</summary>
public sealed record PerformanceSection(
    string DepartmentScore, IReadOnlyList<string> ManagementParagraphs, IReadOnlyList<string> ReportParagraphs,
    int ProjectCount, Money ProjectFunds, IReadOnlyList<ProjectEvaluation> Projects);

public sealed record ChartPoint(string Label, decimal Value, string Text)
{
    /// <summary>A structure chart's slice as the text prints its share ("92.76", the largest-remainder share), so the pie's label and the sentence agree; "" for bars.</summary>
    public string Percent { get; init; } = "";
}

/// <summary>The series behind one figure; the values are the rounded figures the text prints. Its legend text is the template's.</summary>
public sealed record Chart(string Kind, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>The labels of points left out because their figure is missing (the caption says so); empty when none.</summary>
    public IReadOnlyList<string> MissingLabels { get; init; } = [];

    /// <summary>At least two non-zero points: a structure chart says something. With one, a sentence says it better.</summary>
    public bool HasSeveralParts => Points.Count(p => p.Value != 0) >= 2;

    /// <summary>The label of the only non-zero point when there is exactly one (e.g. 公务接待费), else empty.</summary>
    public string SinglePart => Points.Count(p => p.Value != 0) == 1 ? Points.Single(p => p.Value != 0).Label : "";

    /// <summary>
    /// The figure just before it in the report is the same chart (kind, labels and values): 图5 repeats 图4 when all
    /// 财政拨款 is 一般公共预算. A template may print a sentence instead of drawing it twice.
    /// </summary>
    public bool SameAsPrevious { get; init; }

    public bool HasSamePointsAs(Chart other) => Kind == other.Kind && Points.Count > 0
        && Points.Select(p => (p.Label, p.Value)).SequenceEqual(other.Points.Select(p => (p.Label, p.Value)));
}

/// <summary>图1–图7.</summary>
public sealed record ChartsSection(
    Chart TotalChange, Chart IncomeStructure, Chart ExpenditureStructure, Chart FiscalChange,
    Chart GeneralBudgetChange, Chart GeneralBudgetStructure, Chart ThreePublicStructure);
