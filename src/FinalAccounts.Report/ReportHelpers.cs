using System.Collections;
using System.Globalization;
using DocxTemplating;
using FinalAccounts.Calculation;

namespace FinalAccounts.Report;

/// <summary>
/// The helpers report templates may call. They format and pick; they never hold report wording.
/// {{join list "、"}}, {{cn 3}} → 三, {{inc @index}} → 1-based, {{eq a b}} for conditions,
/// {{thousands x}} → 1,234.50, {{plain x}} → 1234.50 (the placeholder when x is not a known number).
/// </summary>
public static class ReportHelpers
{
    public static void Register(TemplateOptions options)
    {
        options.Helpers["join"] = args => string.Join(args.Length > 1 ? Convert.ToString(args[1], CultureInfo.InvariantCulture) : "、",
            (args.ElementAtOrDefault(0) as IEnumerable ?? Array.Empty<object>()).Cast<object?>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture)));
        options.Helpers["cn"] = args => ChineseNumber(ToInt(args.ElementAtOrDefault(0)));
        options.Helpers["inc"] = args => ToInt(args.ElementAtOrDefault(0)) + 1;
        options.Helpers["eq"] = args => args.Length >= 2 && Equals(Normalise(args[0]), Normalise(args[1]));
        RegisterFigures(options, CalculationSettings.Default.MissingReasonPlaceholder);
    }

    /// <summary>
    /// {{thousands x}} and {{plain x}} with the template's placeholder: a value that is not a number — a (sum …) over a
    /// column with an unknown figure, a blank — prints the placeholder ({{thousands x "合计"}} names what is missing), never 0.00.
    /// </summary>
    public static void RegisterFigures(TemplateOptions options, string placeholderFormat)
    {
        object Figure(object?[] args, string format) => Known(args.ElementAtOrDefault(0)) is { } value
            ? value.ToString(format, CultureInfo.InvariantCulture)
            : string.Format(CultureInfo.InvariantCulture, placeholderFormat, args.ElementAtOrDefault(1) as string ?? "合计");
        options.Helpers["thousands"] = args => Figure(args, "#,##0.00");
        options.Helpers["plain"] = args => Figure(args, "0.00");
    }

    private static decimal? Known(object? value) => value switch
    {
        decimal or int or long => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) && Math.Abs(d) < 7.9e28 => (decimal)d,
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>1 → 一, 10 → 十, 12 → 十二, 21 → 二十一: the ordinals of 一、二、… headings.</summary>
    public static string ChineseNumber(int n)
    {
        string[] digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        if (n <= 0)
            return digits[0];
        if (n < 10)
            return digits[n];
        if (n < 20)
            return "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        if (n < 100)
            return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        return n.ToString(CultureInfo.InvariantCulture);
    }

    private static object? Normalise(object? value) => value switch
    {
        int or long or double or decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };

    private static int ToInt(object? value) => (int)ToDecimal(value);

    private static decimal ToDecimal(object? value) => value switch
    {
        null => 0m,
        string s => decimal.TryParse(s, NumberStyles.Any, CultureInfo.InvariantCulture, out var d) ? d : 0m,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };
}
