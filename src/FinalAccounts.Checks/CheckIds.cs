namespace FinalAccounts.Checks;

/// <summary>
/// Stable ids of the reconciliation rules (domain doc §3). Ids are never reused: a retired rule
/// keeps its number so that old reports and scripts still mean the same thing.
/// </summary>
public static class CheckIds
{
    // 公开01表
    public const string SummaryIncomeTotal = "CHK001";
    public const string SummaryIncomeGrandTotal = "CHK002";
    public const string SummaryExpenditureTotal = "CHK003";
    public const string SummaryExpenditureGrandTotal = "CHK004";
    public const string SummaryBalanced = "CHK005";

    // rows of the 科目 tables
    public const string IncomeRowSources = "CHK010";
    public const string ExpenditureRowKinds = "CHK011";
    public const string GeneralBudgetRowSubtotal = "CHK012";
    public const string StateCapitalRowSubtotal = "CHK013";
    public const string GovernmentFundRowSubtotal = "CHK014";
    public const string GovernmentFundRowBalance = "CHK015";

    // 类/款/项 hierarchy, every 科目 table and column
    public const string TotalEqualsCategories = "CHK020";
    public const string CategoryEqualsSections = "CHK021";
    public const string SectionEqualsItems = "CHK022";

    // 公开04表
    public const string FiscalIncomeTotal = "CHK030";
    public const string FiscalFundBalance = "CHK031";
    public const string FiscalRowFunds = "CHK032";
    public const string FiscalBalanced = "CHK033";
    public const string FiscalIncomeGrandTotal = "CHK034";
    public const string FiscalExpenditureGrandTotal = "CHK035";
    public const string FiscalExpenditureTotal = "CHK036";
    public const string FiscalOpeningByFund = "CHK037";

    // 公开06表
    public const string PersonnelTotal = "CHK040";
    public const string PublicTotal = "CHK041";
    public const string EconomicGroupItems = "CHK042";

    // 公开09表
    public const string ThreePublicTotal = "CHK050";
    public const string ThreePublicVehicles = "CHK051";

    // across tables
    public const string SummaryIncomeVsIncomeTable = "CHK060";
    public const string SummaryFiscalVsIncomeTable = "CHK061";
    public const string SummaryFiscalVsFiscalTable = "CHK062";
    public const string SummarySourceVsIncomeTable = "CHK063";
    public const string SummaryExpenditureVsExpenditureTable = "CHK064";
    public const string SummaryCategoryVsExpenditureTable = "CHK065";
    public const string FiscalGeneralVsGeneralBudget = "CHK066";
    public const string BasicVsEconomicDetail = "CHK067";
    public const string FiscalFundVsFundTable = "CHK068";
    public const string FiscalCapitalVsCapitalTable = "CHK069";
    public const string GeneralBudgetWithinExpenditure = "CHK070";
    public const string EconomicItemWithinThreePublic = "CHK071";
    public const string FiscalFundBalancesVsFundTable = "CHK072";

    // supplementary sheets
    public const string ProcurementParts = "CHK080";
    public const string ProcurementSmallBusiness = "CHK081";
    public const string VehicleCategories = "CHK082";
    public const string OperatingCostVsPublicFunds = "CHK083";
    public const string BudgetCodeUnknown = "CHK084";
    public const string BudgetMissing = "CHK085";
    public const string ReceptionSplit = "CHK088";
    public const string VehicleTypes = "CHK089";
    public const string TargetWeights = "CHK111";

    // the workbook's identity: 基本信息 against what the tables say of themselves
    public const string YearVsTableTitle = "CHK086";
    public const string DepartmentVsTableLine = "CHK087";

    // the further tables of Sichuan's 13/14-table sets
    public const string FiscalDetailRowFunds = "CHK100";
    public const string FiscalDetailVsFiscalSummary = "CHK101";
    public const string FiscalDetailVsGeneralBudget = "CHK102";
    public const string EconomicDetailRowKinds = "CHK103";
    public const string EconomicDetailVsGeneralBudget = "CHK104";
    public const string EconomicDetailVsBasicDetail = "CHK105";
    public const string ProjectTableVsGeneralBudget = "CHK106";
    public const string CapitalIncomeRowSubtotal = "CHK107";
    public const string CapitalIncomeRowBalance = "CHK108";
    public const string CapitalIncomeVsFiscalSummary = "CHK109";
    public const string CapitalIncomeVsCapitalTable = "CHK110";

    // the budget side (收入预算, 支出预算)
    public const string BudgetRowAdjusted = "CHK120";
    public const string BudgetBasicParts = "CHK121";

    // 政府采购 by kind (货物/工程/服务 授予中小企业合同金额)
    public const string ProcurementSmallByKind = "CHK122";

    /// <summary>A line or column a rule needs is not in the table (renamed or deleted).</summary>
    public const string LineMissing = "CHK090";
}
