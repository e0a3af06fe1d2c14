namespace FinalAccounts.Model;

/// <summary>What a public-table sheet says about itself in its header block.</summary>
/// <param name="Kind">The table's meaning, recognised from its title.</param>
/// <param name="Number">The number printed on the sheet, e.g. 公开05表 (regions number differently).</param>
/// <param name="TitleCell">Where the title stands (its year is checked against 基本信息).</param>
/// <param name="DepartmentCell">Where the 部门： line stands.</param>
public sealed record TableInfo(
    PublicTableKind Kind,
    string Sheet,
    string Title,
    string? Number,
    string? Department,
    AmountUnit Unit,
    CellRef? TitleCell = null,
    CellRef? DepartmentCell = null);

/// <summary>
/// The public tables by meaning, not by position: 1–9 are the national set every 决算公开 contains
/// (numbered as nationally), 10– the further tables of regional sets (see <see cref="PublicTableCatalogue"/>).
/// </summary>
public enum PublicTableKind
{
    Other = 0,                         // a table-like sheet the catalogue does not know: printed as exported, not checked
    IncomeExpenditureSummary = 1,      // 收入支出决算总表
    Income = 2,                        // 收入决算表
    Expenditure = 3,                   // 支出决算表
    FiscalSummary = 4,                 // 财政拨款收入支出决算总表
    GeneralBudgetExpenditure = 5,      // 一般公共预算财政拨款支出决算表
    GeneralBudgetBasicDetail = 6,      // 一般公共预算财政拨款基本支出决算明细表
    GovernmentFund = 7,                // 政府性基金预算财政拨款收入支出决算表
    StateCapital = 8,                  // 国有资本经营预算财政拨款支出决算表
    ThreePublic = 9,                   // 财政拨款"三公"经费支出决算表
    FiscalExpenditureDetail = 10,      // 财政拨款支出决算明细表 (Sichuan): 类/款/项 by fund
    GeneralBudgetEconomicDetail = 11,  // 一般公共预算财政拨款支出决算明细表 (Sichuan): by economic classification
    GeneralBudgetProject = 12,         // 一般公共预算财政拨款项目支出决算表 (Sichuan)
    StateCapitalIncomeExpenditure = 13,// 国有资本经营预算财政拨款收入支出决算表 (Sichuan)
    GovernmentFundThreePublic = 14,    // 政府性基金预算财政拨款“三公”经费支出决算表 (Sichuan 2020)
}
