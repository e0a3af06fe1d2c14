using System.Text.RegularExpressions;

namespace FinalAccounts.Model;

/// <summary>Line names compare by meaning: "一、一般公共服务支出" and "一般公共服务支出" are the same line.</summary>
public static partial class LineNames
{
    public static string Normalise(string raw)
    {
        var text = LabelText.Normalise(raw);
        text = OrdinalPrefix().Replace(text, "");
        if (text.StartsWith("其中:", StringComparison.Ordinal))
            text = text[3..];
        return text;
    }

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、])")]
    private static partial Regex OrdinalPrefix();
}
