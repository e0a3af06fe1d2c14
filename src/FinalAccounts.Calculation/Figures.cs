using System.Globalization;

namespace FinalAccounts.Calculation;

/// <summary>
/// A money figure in 万元, rounded once (half-up, 2 decimals). Text is for sentences (7413.59),
/// Table for tables (7,413.59); Sources are the workbook cells it came from. IsMissing: the
/// workbook did not say (a blank input, or a figure computed from one); Text and Table are then
/// the placeholder and Value means nothing.
/// </summary>
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
public sealed record Reason(string Text, bool HasText, bool IsMissing, bool IsRequired, string Source);

/// <summary>
/// This year against last year. Amount is the absolute difference (text never shows a negative
/// number); Direction 增加/减少/持平 and Trend 增长/下降/持平 follow the sign; Rate is absent when
/// last year was zero (BaseIsZero tells the template to say so in words).
/// </summary>
public sealed record Change(
    Money Current, Money Prior, Money Amount, Percent? Rate, string Direction, string Trend,
    bool IsIncrease, bool IsDecrease, bool IsFlat, bool BaseIsZero, bool HasRate, bool PriorIsMissing, Reason Reason)
{
    /// <summary>This year's figure is itself missing (a blank input), so no change can be stated.</summary>
    public bool CurrentIsMissing { get; init; }

    /// <summary>Either side is missing: the template says only what is missing, no direction or amount.</summary>
    public bool IsMissing => PriorIsMissing || CurrentIsMissing;
}

/// <summary>A named part of a whole with its share; the shares of one whole add up to exactly 100.00.</summary>
public sealed record Share(string Name, string Code, Money Amount, Percent Percent);

/// <summary>
/// 决算 against 预算: completion rate (absent when the budget is zero), VsBudget
/// 等于/基本持平/大于/小于, and the reason needed when it is 大于 or 小于.
/// </summary>
public sealed record BudgetCompletion(
    Money Budget, Money Actual, Percent? Rate, bool BudgetIsZero, bool BudgetIsMissing, bool HasRate, string VsBudget,
    bool IsEqual, bool IsRoughlyEqual, bool IsAbove, bool IsBelow, Reason Reason);

/// <summary>The one place figures are rounded and formatted.</summary>
public static class Round
{
    public static decimal Half(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static Money Money(decimal value, IEnumerable<string>? sources = null)
    {
        var rounded = Half(value);
        return new Money(rounded, TextOf(rounded), TableOf(rounded), rounded == 0, (sources ?? []).Distinct().ToList());
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
