using System.Globalization;

namespace FinalAccounts.Calculation;

/// <summary>
/// A money figure in 万元, rounded once (half-up, 2 decimals). Text is for sentences (7413.59),
/// Table for tables (7,413.59); Sources are the workbook cells it came from. IsMissing: the
/// workbook did not say (a blank input, or a figure computed from one); Text and Table are then
/// the placeholder and Value means nothing.
/// </summary>
/// <param name="Value">数值（计算用）<unit>万元</unit></param>
/// <param name="Text">句中印出的金额，如 7413.59（未填写时为待填写标记）<unit>万元</unit></param>
/// <param name="Table">表中印出的金额，带千分位，如 7,413.59<unit>万元</unit></param>
/// <param name="IsZero">为 0</param>
/// <param name="Sources">来源单元格（如 公开01表!C37）</param>
/// <param name="IsMissing">工作簿未填写，无法得出（Text 为待填写标记）</param>
public sealed record Money(decimal Value, string Text, string Table, bool IsZero, IReadOnlyList<string> Sources, bool IsMissing = false)
{
    private string? _formula;

    /// <summary>How the figure was computed from its source cells: "公开01表!C38 − 上年数!B2"; by default the sum of the sources.</summary>
    public string Origin() => _formula ?? string.Join(" + ", Sources);

    public Money WithFormula(string formula)
    {
        var copy = this with { };
        copy._formula = formula;
        return copy;
    }

    public override string ToString() => Text;
}

/// <summary>A percentage, rounded once (half-up, 2 decimals); Text has no % sign (the template writes it). IsMissing: computed from a blank input, not printable.</summary>
/// <param name="Value">数值（计算用）<unit>%</unit></param>
/// <param name="Text">印出的百分数，不带 %，如 1.91<unit>%</unit></param>
/// <param name="IsMissing">由未填写的数计算而来，不能印出</param>
public sealed record Percent(decimal Value, string Text, bool IsMissing = false)
{
    private string? _origin;

    /// <summary>How it was computed from printed figures ("149.84 ÷ 7862.31"), for the review copy; null when not traced.</summary>
    public string? Origin() => _origin;

    /// <summary>This percentage as the ratio of two printed figures; a share moved by the largest-remainder rule says so.</summary>
    public Percent Of(Money part, Money whole)
    {
        var copy = this with { };
        var plain = whole.Value == 0 ? 0 : Round.Half(part.Value / whole.Value * 100m);
        copy._origin = $"{part.Text} ÷ {whole.Text}" + (whole.Sources.Count == 1 ? $"（{whole.Origin()}）" : "") + (plain == Value ? "" : "（尾差调整，使各项占比之和为100%）");
        return copy;
    }

    public override string ToString() => Text;
}

/// <summary>A reason only the user knows (【R】). When required and missing, Text is the visible placeholder.</summary>
/// <param name="Text">原因文字（必填而未填时为待填写标记）</param>
/// <param name="HasText">填写了原因</param>
/// <param name="IsMissing">必填而未填</param>
/// <param name="IsRequired">按设置必须说明原因</param>
/// <param name="Source">来源单元格</param>
public sealed record Reason(string Text, bool HasText, bool IsMissing, bool IsRequired, string Source)
{
    /// <summary>原因文字以“一是”“一、”“（一）”“1.”等列举开头：模板写“主要原因”后直接接原因（主要原因一是…二是…）</summary>
    /// <remarks>
    /// Users often list reasons (一是…二是…); "主要变动原因是" before such a text reads "主要变动原因是一是…",
    /// which published reports never say. The template chooses its lead-in from these two flags.
    /// </remarks>
    public bool StartsWithEnumeration => HasText && !IsMissing && ReasonLead.IsEnumeration(Text);

    /// <summary>原因文字自带引语（以“主要原因”“原因是”“主要是”等开头）：模板不再加引语</summary>
    public bool HasOwnLead => HasText && !IsMissing && ReasonLead.IsOwnLead(Text);
}

/// <summary>How a user's reason text begins, so a template can splice it into its sentence without doubling words.</summary>
public static class ReasonLead
{
    private static readonly string[] Enumerations = ["一是", "一、", "（一）", "(一)", "1.", "1、", "1．", "（1）", "(1)", "①"];
    private static readonly string[] OwnLeads = ["主要原因", "主要变动原因", "原因是", "原因为", "主要是"];

    public static bool IsEnumeration(string text)
    {
        var start = text.TrimStart();
        // "1.5万元…" is a figure, not item 1; "一是2020年…" and "1、2020年…" are items whatever follows.
        return Enumerations.Any(e => start.StartsWith(e, StringComparison.Ordinal)
            && !(e[^1] is '.' or '．' && start.Length > e.Length && char.IsAsciiDigit(start[e.Length])));
    }

    public static bool IsOwnLead(string text) => OwnLeads.Any(l => text.TrimStart().StartsWith(l, StringComparison.Ordinal));
}

/// <summary>
/// This year against last year. Amount is the absolute difference (text never shows a negative
/// number); Direction 增加/减少/持平 and Trend 增长/下降/持平 follow the sign; Rate is absent when
/// last year was zero (BaseIsZero tells the template to say so in words).
/// </summary>
/// <param name="Current">本年数</param>
/// <param name="Prior">上年数</param>
/// <param name="Amount">增减额（绝对值）</param>
/// <param name="Rate">增减幅度</param>
/// <param name="Direction">增加、减少或持平</param>
/// <param name="Trend">增长、下降或持平</param>
/// <param name="IsIncrease">比上年增加</param>
/// <param name="IsDecrease">比上年减少</param>
/// <param name="IsFlat">与上年持平</param>
/// <param name="BaseIsZero">上年为 0（不能算增减幅度）</param>
/// <param name="HasRate">有增减幅度</param>
/// <param name="PriorIsMissing">上年数未填写</param>
/// <param name="Reason">变动原因</param>
public sealed record Change(
    Money Current, Money Prior, Money Amount, Percent? Rate, string Direction, string Trend,
    bool IsIncrease, bool IsDecrease, bool IsFlat, bool BaseIsZero, bool HasRate, bool PriorIsMissing, Reason Reason)
{
    /// <summary>本年数未填写，不能说明变动</summary>
    /// <remarks>This year's figure is itself missing (a blank input), so no change can be stated.</remarks>
    public bool CurrentIsMissing { get; init; }

    /// <summary>本年数或上年数未填写：模板只说缺什么，不写方向和金额</summary>
    /// <remarks>Either side is missing: the template says only what is missing, no direction or amount.</remarks>
    public bool IsMissing => PriorIsMissing || CurrentIsMissing;
}

/// <summary>A named part of a whole with its share; the shares of one whole add up to exactly 100.00.</summary>
/// <param name="Name">名称</param>
/// <param name="Code">科目编码（没有时为空）</param>
/// <param name="Amount">金额</param>
/// <param name="Percent">占比</param>
public sealed record Share(string Name, string Code, Money Amount, Percent Percent);

/// <summary>
/// 决算 against 预算: completion rate (absent when the budget is zero), VsBudget
/// 等于/基本持平/大于/小于, and the reason needed when it is 大于 or 小于.
/// </summary>
/// <param name="Budget">预算数</param>
/// <param name="Actual">决算数</param>
/// <param name="Rate">完成预算的比例</param>
/// <param name="BudgetIsZero">预算数为 0（不能算完成比例）</param>
/// <param name="BudgetIsMissing">预算数未填写</param>
/// <param name="HasRate">有完成比例</param>
/// <param name="VsBudget">决算数与预算数相比：等于、基本持平、大于、小于</param>
/// <param name="IsEqual">等于预算</param>
/// <param name="IsRoughlyEqual">与预算基本持平（在设置的范围内）</param>
/// <param name="IsAbove">大于预算</param>
/// <param name="IsBelow">小于预算</param>
/// <param name="Reason">与预算有差异的原因</param>
public sealed record BudgetCompletion(
    Money Budget, Money Actual, Percent? Rate, bool BudgetIsZero, bool BudgetIsMissing, bool HasRate, string VsBudget,
    bool IsEqual, bool IsRoughlyEqual, bool IsAbove, bool IsBelow, Reason Reason);

/// <summary>The one place figures are rounded and formatted.</summary>
public static class Round
{
    public static decimal Half(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>A workbook figure (the model holds 万元) in the report's unit, rounded once.</summary>
    public static Money Money(decimal wanYuan, IEnumerable<string>? sources = null) => Figure(wanYuan * (Factor.Value ?? 1m), sources);

    /// <summary>
    /// A figure already in the report's unit — a sum or difference of figures rounded once — made printable. Never converted
    /// again: calling <see cref="Money(decimal, IEnumerable{string}?)"/> with it would multiply a 元 figure by 10 000 twice.
    /// </summary>
    public static Money Figure(decimal value, IEnumerable<string>? sources = null)
    {
        var rounded = Half(value);
        return new Money(rounded, TextOf(rounded), TableOf(rounded), rounded == 0, (sources ?? []).Distinct().ToList());
    }

    /// <summary>How many of the report's unit one 万元 is (1, or 10 000 for 元), for the calculation on this flow.</summary>
    private static readonly AsyncLocal<decimal?> Factor = new();

    /// <summary>Sets the unit (settings' moneyUnit: 万元 or 元) for the calculation in progress; dispose to restore.</summary>
    public static IDisposable MoneyIn(string unit)
    {
        var before = Factor.Value;
        Factor.Value = unit == "元" ? 10000m : 1m;
        return new Restore(() => Factor.Value = before);
    }

    /// <summary>A figure the workbook did not give: the placeholder stands where the number would be.</summary>
    public static Money Missing(string placeholder, IEnumerable<string>? sources = null) =>
        new(0, placeholder, placeholder, false, (sources ?? []).Distinct().ToList(), true);

    public static Percent MissingPercent { get; } = new(0, "", true);

    public static Money Money(FinalAccounts.Model.Amount amount) => Money(amount.Value, amount.Source is null ? [] : [amount.Source.ToString()]);

    public static Percent Percent(decimal value)
    {
        var rounded = Half(value);
        return new Percent(rounded, TextOf(rounded));
    }

    /// <summary>
    /// How a zero reads in sentences for the calculation running on this flow: "0" ("0万元，占0%", the
    /// default) or "0.00" ("0.00万元，占0.00%"), as the template's settings say (zeroAmount). Ambient
    /// rather than passed to every Round call because it is one choice for a whole report; AsyncLocal keeps
    /// batch workers' reports apart.
    /// </summary>
    private static readonly AsyncLocal<string?> ZeroText = new();

    /// <summary>Sets how zeros read for the calculation in progress; dispose to restore.</summary>
    public static IDisposable ZeroReadsAs(string zero)
    {
        var before = ZeroText.Value;
        ZeroText.Value = zero;
        return new Restore(() => ZeroText.Value = before);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>Sentences write 7413.59, and a zero as the settings say (0 by default: "0万元，占0%").</summary>
    public static string TextOf(decimal rounded) => rounded == 0 ? ZeroText.Value ?? "0" : rounded.ToString("0.00", CultureInfo.InvariantCulture);

    public static string TableOf(decimal rounded) => rounded.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
