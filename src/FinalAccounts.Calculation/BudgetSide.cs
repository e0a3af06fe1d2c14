namespace FinalAccounts.Calculation;

/// <summary>
/// The budget beside the 决算: what each income source and expenditure kind was budgeted at the start of the year, what was
/// added, the full-year budget, and the 决算 from the public tables (the 部门整体支出自评报告's 收入表 and 支出表).
/// </summary>
/// <param name="HasSheets">工作簿有“收入预算”或“支出预算”表（没有时模板不写预算与决算对照）</param>
/// <param name="Income">收入：每个来源一项（收入预算表的行序）</param>
/// <param name="IncomeTotal">收入总计：各来源之和（年初预算、全年预算、决算）</param>
/// <param name="Expenditure">支出：每个类别一项（支出预算表的行序；人员经费、公用经费是基本支出的细项）</param>
/// <param name="ExpenditureTotal">支出总计：除细项外各类别之和</param>
/// <param name="CarryForward">年末结转和结余（公开01表）</param>
/// <param name="SurplusDistribution">结余分配（公开01表）</param>
public sealed record BudgetSideSection(
    bool HasSheets, IReadOnlyList<IncomeBudgetLine> Income, IncomeBudgetLine IncomeTotal,
    IReadOnlyList<ExpenditureBudgetLine> Expenditure, ExpenditureBudgetLine ExpenditureTotal, Money CarryForward, Money SurplusDistribution);

/// <summary>One income source, budget against 决算.</summary>
/// <param name="Name">收入类别</param>
/// <param name="OpeningBudget">年初预算数</param>
/// <param name="FullYearBudget">全年预算数（调整后）</param>
/// <param name="Actual">决算数（公开01表同名行）</param>
/// <param name="Completion">决算数与全年预算数相比</param>
public sealed record IncomeBudgetLine(string Name, Money OpeningBudget, Money FullYearBudget, Money Actual, BudgetCompletion Completion);

/// <summary>One expenditure kind, budget against 决算.</summary>
/// <param name="Name">支出类别</param>
/// <param name="IsDetail">是基本支出的细项（人员经费、公用经费），不计入总计</param>
/// <param name="OpeningBudget">年初预算数</param>
/// <param name="Added">追加（减）</param>
/// <param name="AdjustedBudget">调整后预算数</param>
/// <param name="Actual">支出决算数（基本支出、项目支出取自公开03表，人员经费、公用经费取自一般公共预算财政拨款基本支出，其余取自公开01表同名行）</param>
/// <param name="Completion">决算数与调整后预算数相比</param>
public sealed record ExpenditureBudgetLine(string Name, bool IsDetail, Money OpeningBudget, Money Added, Money AdjustedBudget, Money Actual, BudgetCompletion Completion);

/// <summary>第一部分“人员概况”：编制和实有人数（基本信息表；模板用到而未填写时才提示）.</summary>
/// <param name="Actual">实有人数<unit>人</unit></param>
/// <param name="Administrative">行政编制数<unit>个</unit></param>
/// <param name="Institutional">事业编制数<unit>个</unit></param>
/// <param name="Others">编外人员数<unit>人</unit></param>
public sealed record StaffCounts(Count Actual, Count Administrative, Count Institutional, Count Others);
