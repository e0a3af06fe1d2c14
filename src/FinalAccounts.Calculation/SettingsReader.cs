using FinalAccounts.Model;
using System.Globalization;
using System.Text.Json;

namespace FinalAccounts.Calculation;

/// <summary>
/// Reads settings.json key by key instead of deserialising it, so that each mistake is reported
/// where it is and in the maintainer's terms (文字, 数字), all of them at once, rather than as the
/// first exception of a serializer.
/// </summary>
internal static class SettingsReader
{
    private delegate CalculationSettings Apply(CalculationSettings settings, JsonElement value, Action<SettingsProblemKind, string> problem);

    private static readonly Dictionary<string, Apply> Keys = new(StringComparer.Ordinal)
    {
        ["budgetBasis"] = (s, v, problem) => Text(v, "文字“调整预算”或“年初预算”", problem) switch
        {
            var basis when basis is "调整预算" or "年初预算" => s with { BudgetBasis = basis },
            null => s,
            var other => Refuse(s, problem, $"应为“调整预算”或“年初预算”，现为“{other}”"),
        },
        ["roughlyEqualBandPercent"] = (s, v, problem) => Percent(v, 100, problem) is { } band ? s with { RoughlyEqualBandPercent = band } : s,
        ["reasonRequiredAbovePercent"] = (s, v, problem) => Percent(v, null, problem) is { } above ? s with { ReasonRequiredAbovePercent = above } : s,
        ["missingReasonPlaceholder"] = (s, v, problem) => Text(v, "文字，如“【待填写：{0}】”", problem) switch
        {
            null => s,
            var text when IsPlaceholder(text) => s with { MissingReasonPlaceholder = text },
            var text => Refuse(s, problem, $"应以文字开头并含一处 {{0}}（换成缺少的内容），如“【待填写：{{0}}】”，现为“{text}”"),
        },
        ["words"] = (s, v, problem) => Words(s, v, problem),
        ["zeroAmount"] = (s, v, problem) => Text(v, "文字“0”或“0.00”", problem) switch
        {
            var zero when zero is "0" or "0.00" => s with { ZeroAmount = zero },
            null => s,
            var other => Refuse(s, problem, $"应为“0”（0万元，占0%）或“0.00”（0.00万元，占0.00%），现为“{other}”"),
        },
        ["moneyUnit"] = (s, v, problem) => Text(v, "文字“万元”或“元”", problem) switch
        {
            var unit when unit is "万元" or "元" => s with { MoneyUnit = unit },
            null => s,
            var other => Refuse(s, problem, $"应为“万元”或“元”，现为“{other}”"),
        },
        ["placeholderStyle"] = (s, v, problem) => Text(v, "文字（模板中字符样式的名称）", problem) switch
        {
            null => s,
            "" => Refuse(s, problem, "不能为空，应为模板中字符样式的名称，如“待填写”"),
            var style => s with { PlaceholderStyle = style },
        },
    };

    public static (CalculationSettings?, IReadOnlyList<SettingsProblem>) Parse(string json)
    {
        var problems = new List<SettingsProblem>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } n ? $"第{n + 1}行附近" : "";
            return (null, [new SettingsProblem(SettingsProblemKind.Malformed, "$", $"不是有效的 JSON，{line}写法有误（缺少逗号、引号或括号？文字须用英文双引号）")]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, [new SettingsProblem(SettingsProblemKind.WrongType, "$", $"应为对象 {{ \"budgetBasis\": … }}，现为{Describe(root)}")]);
            var settings = CalculationSettings.Default;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                var path = "$." + property.Name;
                // JSON lets a key be written twice and keeps one of them silently; which value a region meant is unknown.
                if (!seen.Add(property.Name))
                {
                    problems.Add(new SettingsProblem(SettingsProblemKind.UnknownKey, path, $"这项设置写了不止一次（又写作 {Describe(property.Value)}）；只能写一次，请删去多余的一处"));
                    continue;
                }
                if (!Keys.TryGetValue(property.Name, out var apply))
                {
                    var nearest = Keys.Keys.MinBy(k => EditDistance.Between(k.ToLowerInvariant(), property.Name.ToLowerInvariant()))!;
                    var hint = EditDistance.Between(nearest.ToLowerInvariant(), property.Name.ToLowerInvariant()) <= 3 ? $"是否想写“{nearest}”？" : "";
                    problems.Add(new SettingsProblem(SettingsProblemKind.UnknownKey, path, $"没有这项设置。{hint}可用的设置：{string.Join("、", Keys.Keys)}"));
                    continue;
                }
                settings = apply(settings, property.Value, (kind, message) => problems.Add(new SettingsProblem(kind, path, message)));
            }
            return (problems.Count == 0 ? settings : null, problems);
        }
    }

    /// <summary>The "words" object, e.g. { "rise": "上升", "fall": "降低" }: each key a word of <see cref="PhraseWords"/>, each value non-empty text.</summary>
    private static readonly Dictionary<string, Func<PhraseWords, string, PhraseWords>> WordKeys = new(StringComparer.Ordinal)
    {
        ["increase"] = (w, t) => w with { Increase = t },
        ["decrease"] = (w, t) => w with { Decrease = t },
        ["rise"] = (w, t) => w with { Rise = t },
        ["fall"] = (w, t) => w with { Fall = t },
        ["flat"] = (w, t) => w with { Flat = t },
        ["equal"] = (w, t) => w with { Equal = t },
        ["roughlyEqual"] = (w, t) => w with { RoughlyEqual = t },
        ["above"] = (w, t) => w with { Above = t },
        ["below"] = (w, t) => w with { Below = t },
    };

    private static CalculationSettings Words(CalculationSettings settings, JsonElement value, Action<SettingsProblemKind, string> problem)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problem(SettingsProblemKind.WrongType, $"应为对象，如 {{ \"rise\": \"上升\" }}，现为{Describe(value)}");
            return settings;
        }
        var words = settings.Words;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in value.EnumerateObject())
        {
            if (!seen.Add(word.Name))
            {
                problem(SettingsProblemKind.UnknownKey, $"words.{word.Name} 写了不止一次（又写作 {Describe(word.Value)}）；只能写一次，请删去多余的一处");
                continue;
            }
            if (!WordKeys.TryGetValue(word.Name, out var set))
            {
                problem(SettingsProblemKind.UnknownKey, $"words 中没有“{word.Name}”。可用的词：{string.Join("、", WordKeys.Keys)}");
                continue;
            }
            if (word.Value.ValueKind != JsonValueKind.String || word.Value.GetString() is not { Length: > 0 } text)
            {
                problem(word.Value.ValueKind == JsonValueKind.String ? SettingsProblemKind.OutOfRange : SettingsProblemKind.WrongType,
                    $"words.{word.Name} 应为非空文字，现为{Describe(word.Value)}");
                continue;
            }
            words = set(words, text);
        }
        return settings with { Words = words };
    }

    private static CalculationSettings Refuse(CalculationSettings settings, Action<SettingsProblemKind, string> problem, string message)
    {
        problem(SettingsProblemKind.OutOfRange, message);
        return settings;
    }

    private static string? Text(JsonElement value, string wanted, Action<SettingsProblemKind, string> problem)
    {
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        problem(SettingsProblemKind.WrongType, $"应为{wanted}，现为{Describe(value)}");
        return null;
    }

    /// <summary>A percentage: a number from 0 (to <paramref name="max"/>); "5%" or "5" in quotes is a type mistake, said as one.</summary>
    private static decimal? Percent(JsonElement value, decimal? max, Action<SettingsProblemKind, string> problem)
    {
        var range = max is null ? "不小于 0" : $"0 到 {max}";
        if (value.ValueKind != JsonValueKind.Number)
        {
            problem(SettingsProblemKind.WrongType, $"应为数字（百分数，{range}，不带 % 和引号），现为{Describe(value)}");
            return null;
        }
        if (!value.TryGetDecimal(out var percent) || percent < 0 || percent > max)
        {
            problem(SettingsProblemKind.OutOfRange, $"应为 {range} 的百分数，现为 {value.GetRawText()}");
            return null;
        }
        return percent;
    }

    /// <summary>The placeholder must hold {0} once and start with text: marks in the report are found by that text.</summary>
    private static bool IsPlaceholder(string text)
    {
        var parts = text.Split("{0}");
        if (parts.Length != 2 || parts[0].Length == 0)
            return false;
        try
        {
            _ = string.Format(CultureInfo.InvariantCulture, text, "x");
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"文字“{value.GetString()}”",
        JsonValueKind.Number => $"数字 {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"逻辑值 {value.GetRawText()}",
        JsonValueKind.Array => "列表 […]",
        JsonValueKind.Object => "对象 {…}",
        _ => "空值 null",
    };
}
