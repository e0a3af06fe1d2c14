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
        options.Helpers["cn"] = args => ToDecimal(args.ElementAtOrDefault(0), "cn") is var n && n is >= int.MinValue and <= int.MaxValue
            ? ChineseNumber((int)n)
            : decimal.Truncate(n).ToString(CultureInfo.InvariantCulture);   // as ChineseNumber writes any number past 99
        options.Helpers["inc"] = args => ToDecimal(args.ElementAtOrDefault(0), "inc") is var n && n is >= int.MinValue and < int.MaxValue
            ? (int)n + 1
            : n < decimal.MaxValue - 1 ? decimal.Truncate(n) + 1 : throw new ArgumentException($"inc 的参数 {n} 太大。");
        options.Helpers["eq"] = args => args.Length >= 2 && Equals(Normalise(args[0]), Normalise(args[1]));
        options.ValueArgumentHelpers.UnionWith(["cn", "inc"]);
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
        options.ValueArgumentHelpers.UnionWith(["thousands", "plain"]);
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

    /// <summary>A helper's number; what is not one (an object, a list: data a template check did not see) is said in the template's terms.</summary>
    private static decimal ToDecimal(object? value, string helper) => value switch
    {
        null => 0m,
        string s => decimal.TryParse(s, NumberStyles.Any, CultureInfo.InvariantCulture, out var d) ? d : 0m,
        double d when !double.IsFinite(d) || Math.Abs(d) >= 7.9e28 => throw new ArgumentException($"{helper} 的参数 {d} 不是可用的数。"),
        IConvertible => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"{helper} 的参数须是一个数，现为{(value is IDictionary<string, object?> ? "一个对象" : value is IEnumerable ? "一个列表" : "“" + value + "”")}。"),
    };
}
