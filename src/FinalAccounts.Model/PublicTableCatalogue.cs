namespace FinalAccounts.Model;

/// <summary>A numbering of public tables that a region's 决算 system exports (公开01表 … in a set's own order).</summary>
public enum TableSet
{
    National9,
    Sichuan13,   // as in Sichuan 2022 reports: 公开05表 is 财政拨款支出决算明细表
    Sichuan14,   // as in Sichuan 2020 reports: adds 政府性基金预算财政拨款“三公”经费支出决算表
}

/// <summary>
/// One public table: the title it is printed under, the other titles exports and reports give it,
/// its number in each set that has it, and whether the checks and the calculation read its figures
/// (a table they do not read is still printed among the 附表 exactly as exported).
/// </summary>
public sealed record PublicTableEntry(PublicTableKind Kind, string Title, IReadOnlyList<string> Variants,
    IReadOnlyDictionary<TableSet, int> Numbers, bool IsRead)
{
    public IEnumerable<string> Titles => Variants.Prepend(Title);

    /// <summary>In the national set the table is required; elsewhere it is only expected.</summary>
    public bool IsNational => Numbers.ContainsKey(TableSet.National9);
}

/// <summary>
/// Every public table the product knows, in one place: recognition, numbering, the 目录's titles,
/// init's blank workbook and the missing-table findings all read this list. A new region's set is
/// a new column of numbers here, not new code elsewhere.
/// </summary>
public static class PublicTableCatalogue
{
    private static PublicTableEntry E(PublicTableKind kind, string title, string[] variants, int? national, int? sichuan13, int? sichuan14, bool read = true)
    {
        var numbers = new Dictionary<TableSet, int>();
        if (national is { } n) numbers[TableSet.National9] = n;
        if (sichuan13 is { } s13) numbers[TableSet.Sichuan13] = s13;
        if (sichuan14 is { } s14) numbers[TableSet.Sichuan14] = s14;
        return new PublicTableEntry(kind, title, variants, numbers, read);
    }

    public static readonly IReadOnlyList<PublicTableEntry> Entries =
    [
        E(PublicTableKind.IncomeExpenditureSummary, "收入支出决算总表", [], 1, 1, 1),
        E(PublicTableKind.Income, "收入决算表", [], 2, 2, 2),
        E(PublicTableKind.Expenditure, "支出决算表", [], 3, 3, 3),
        E(PublicTableKind.FiscalSummary, "财政拨款收入支出决算总表", [], 4, 4, 4),
        E(PublicTableKind.FiscalExpenditureDetail, "财政拨款支出决算明细表", [], null, 5, 5),
        E(PublicTableKind.GeneralBudgetExpenditure, "一般公共预算财政拨款支出决算表", [], 5, 6, 6),
        E(PublicTableKind.GeneralBudgetEconomicDetail, "一般公共预算财政拨款支出决算明细表", [], null, 7, 7),
        E(PublicTableKind.GeneralBudgetBasicDetail, "一般公共预算财政拨款基本支出决算明细表", ["一般公共预算财政拨款基本支出决算表"], 6, 8, 8),
        E(PublicTableKind.GeneralBudgetProject, "一般公共预算财政拨款项目支出决算表", [], null, 9, 9),
        E(PublicTableKind.GovernmentFund, "政府性基金预算财政拨款收入支出决算表", [], 7, 10, 11),
        E(PublicTableKind.GovernmentFundThreePublic, "政府性基金预算财政拨款“三公”经费支出决算表", [], null, null, 12),
        E(PublicTableKind.StateCapitalIncomeExpenditure, "国有资本经营预算财政拨款收入支出决算表", [], null, 11, 13),
        E(PublicTableKind.StateCapital, "国有资本经营预算财政拨款支出决算表", [], 8, 12, 14),
        E(PublicTableKind.ThreePublic, "财政拨款“三公”经费支出决算表", ["一般公共预算财政拨款“三公”经费支出决算表"], 9, 13, 10),
    ];

    public static PublicTableEntry Of(PublicTableKind kind) => Entries.First(e => e.Kind == kind);

    /// <summary>The kind numbered <paramref name="number"/> in a set; null when the set has no such number.</summary>
    public static PublicTableKind? KindNumbered(TableSet set, int number) =>
        Entries.FirstOrDefault(e => e.Numbers.TryGetValue(set, out var n) && n == number)?.Kind;

    /// <summary>The set's tables in its own order.</summary>
    public static IEnumerable<PublicTableEntry> InSet(TableSet set) =>
        Entries.Where(e => e.Numbers.ContainsKey(set)).OrderBy(e => e.Numbers[set]);
}
