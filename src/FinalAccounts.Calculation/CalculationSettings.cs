namespace FinalAccounts.Calculation;

/// <summary>
/// The choices regions make differently (domain doc §4): which budget 完成预算 compares with, the
/// 基本持平 band, when a change needs a reason, and the placeholder shown for a missing reason.
/// Read from settings.json next to a template; see docs/计算设置.md.
/// </summary>
public sealed record CalculationSettings
{
    /// <summary>"调整预算" or "年初预算".</summary>
    public string BudgetBasis { get; init; } = "调整预算";

    /// <summary>|决算 − 预算| / 预算 at or below this many percent reads 基本持平; 0 means only equal is equal.</summary>
    public decimal RoughlyEqualBandPercent { get; init; }

    /// <summary>A year-on-year change needs a reason when |change %| is above this; 0 means every change does.</summary>
    public decimal ReasonRequiredAbovePercent { get; init; }

    /// <summary>Shown where a required reason is missing; {0} is what is missing.</summary>
    public string MissingReasonPlaceholder { get; init; } = "【待填写：{0}】";

    /// <summary>The name of the template's character style every placeholder is set in (its look is the template's).</summary>
    public string PlaceholderStyle { get; init; } = "待填写";

    /// <summary>How a zero amount or share reads in sentences: "0" ("0万元，占0%") or "0.00" ("0.00万元，占0.00%"), the same everywhere.</summary>
    public string ZeroAmount { get; init; } = "0";

    /// <summary>
    /// The unit every amount of the report is in: "万元" (the default) or "元" (reports that print 元, e.g. the 部门整体支出
    /// 自评报告). The workbook's figures are converted once and rounded once, to 0.01 of this unit; shares and rates are unchanged.
    /// </summary>
    public string MoneyUnit { get; init; } = "万元";

    /// <summary>The words the calculation chooses between (settings.json "words"); today's wording is the default.</summary>
    public PhraseWords Words { get; init; } = PhraseWords.Default;

    public static CalculationSettings Default { get; } = new();

    /// <summary>Reads a settings file; a missing file means the defaults. A mistake in it is an exception naming the key (see <see cref="Parse"/>).</summary>
    public static CalculationSettings Load(string path)
    {
        if (!File.Exists(path))
            return Default;
        var (settings, problems) = Parse(File.ReadAllText(path));
        return settings ?? throw new InvalidDataException(string.Join("\n", problems.Select(p => $"{path}[{p.JsonPath}]: {p.Message}")));
    }

    /// <summary>
    /// settings.json as a maintainer writes it: every mistake found, each with its JSON path and a
    /// Chinese message (an unknown key, a value of the wrong type, a value not allowed); settings null when there is any.
    /// </summary>
    public static (CalculationSettings? Settings, IReadOnlyList<SettingsProblem> Problems) Parse(string json) => SettingsReader.Parse(json);
}

/// <summary>What is wrong with one entry of settings.json.</summary>
public enum SettingsProblemKind { Malformed, UnknownKey, WrongType, OutOfRange }

/// <summary>One mistake in settings.json: its kind, where ($.budgetBasis) and what, in Chinese.</summary>
public sealed record SettingsProblem(SettingsProblemKind Kind, string JsonPath, string Message);

/// <summary>
/// The vocabulary of the phrase choices: which word stands for more, less or the same, against last
/// year and against the budget. A region that writes "上升" for 增长 changes it here, not in C#; the
/// choice itself (by the sign of the rounded difference) stays the calculation's.
/// </summary>
public sealed record PhraseWords
{
    public string Increase { get; init; } = "增加";
    public string Decrease { get; init; } = "减少";
    public string Rise { get; init; } = "增长";
    public string Fall { get; init; } = "下降";
    public string Flat { get; init; } = "持平";
    public string Equal { get; init; } = "等于";
    public string RoughlyEqual { get; init; } = "基本持平";
    public string Above { get; init; } = "大于";
    public string Below { get; init; } = "小于";

    public static PhraseWords Default { get; } = new();
}
