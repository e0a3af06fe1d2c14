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

/// <summary>The nine tables every 决算公开 set contains, identified by meaning, not by position.</summary>
public enum PublicTableKind
{
    Other = 0,                         // a further table of a 13/14-table set: printed, not checked
    IncomeExpenditureSummary = 1,      // 收入支出决算总表
    Income = 2,                        // 收入决算表
    Expenditure = 3,                   // 支出决算表
    FiscalSummary = 4,                 // 财政拨款收入支出决算总表
    GeneralBudgetExpenditure = 5,      // 一般公共预算财政拨款支出决算表
    GeneralBudgetBasicDetail = 6,      // 一般公共预算财政拨款基本支出决算明细表
    GovernmentFund = 7,                // 政府性基金预算财政拨款收入支出决算表
    StateCapital = 8,                  // 国有资本经营预算财政拨款支出决算表
    ThreePublic = 9,                   // 财政拨款"三公"经费支出决算表
}
