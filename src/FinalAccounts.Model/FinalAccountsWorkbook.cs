namespace FinalAccounts.Model;

/// <summary>The public tables as read; a table the workbook lacks is null (and reported by the reader).</summary>
public sealed record PublicTables(
    TwoSidedTable? Summary,
    SubjectTable? Income,
    SubjectTable? Expenditure,
    TwoSidedTable? FiscalSummary,
    SubjectTable? GeneralBudget,
    EconomicDetailTable? BasicDetail,
    SubjectTable? GovernmentFund,
    SubjectTable? StateCapital,
    ThreePublicTable? ThreePublic)
{
    // The further tables of regional sets (null when the workbook has none); init-only so the national nine keep their shape.
    public SubjectTable? FiscalExpenditureDetail { get; init; }
    public SubjectTable? GeneralBudgetEconomicDetail { get; init; }
    public SubjectTable? GeneralBudgetProject { get; init; }
    public SubjectTable? StateCapitalIncomeExpenditure { get; init; }
    public ThreePublicTable? GovernmentFundThreePublic { get; init; }

    /// <summary>The numbering the workbook's tables follow.</summary>
    public TableSet Set { get; init; } = TableSet.National9;
}

/// <summary>
/// Everything the report is built from: the public tables, the supplementary sheets, and every
/// sheet as read (in workbook order) so tables can be printed as exported.
/// </summary>
public sealed record FinalAccountsWorkbook(
    string FileName,
    PublicTables Tables,
    IReadOnlyList<TableInfo> PublicTableOrder,
    IReadOnlyDictionary<string, KeyValueSheet> KeyValues,
    IReadOnlyDictionary<string, ListSheet> Lists,
    IReadOnlyList<RawSheet> Sheets)
{
    /// <summary>The sheets named 表格… (user tables), in workbook order.</summary>
    public IReadOnlyList<UserTable> UserTables { get; init; } = [];

    public KeyValueSheet KeyValue(SheetSpec spec) => KeyValues.GetValueOrDefault(spec.Name) ?? KeyValueSheet.Missing(spec.Name);

    public ListSheet List(SheetSpec spec) => Lists.GetValueOrDefault(spec.Name) ?? ListSheet.Missing(spec.Name);

    public string? DepartmentName => KeyValue(WorkbookLayout.BasicInfo).Text("部门名称");

    public string? UnitType => KeyValue(WorkbookLayout.BasicInfo).Text("单位类型");
}
