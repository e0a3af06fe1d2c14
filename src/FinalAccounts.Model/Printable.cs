using System.Globalization;
using System.Text;

namespace FinalAccounts.Model;

/// <summary>
/// Characters a .docx (XML 1.0) cannot hold — control characters other than tab and line breaks,
/// unpaired surrogates, U+FFFE/U+FFFF — and how messages show them: escaped, never raw, so a cell
/// holding ESC or BEL cannot drive the user's terminal.
/// </summary>
public static class Printable
{
    public static (string Text, string Removed) Clean(string text)
    {
        if (IsClean(text))
            return (text, "");
        var kept = new StringBuilder(text.Length);
        var removed = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(ch).Append(text[++i]);
                continue;
            }
            if (IsAllowed(ch))
                kept.Append(ch);
            else if (removed.Count < 5)
                removed.Add(Code(ch));
        }
        return (kept.ToString(), string.Join("、", removed.Distinct()));
    }

    /// <summary>The text with every character a terminal or a .docx would misread written as \uXXXX.</summary>
    public static string Escape(string text)
    {
        if (IsClean(text) && !text.Any(c => c is '\t' or '\r' or '\n'))
            return text;
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                result.Append(ch).Append(text[++i]);
            else if (IsAllowed(ch) && ch is not ('\t' or '\r' or '\n'))
                result.Append(ch);
            else
                result.Append(Code(ch));
        }
        return result.ToString();
    }

    private static bool IsClean(string text)
    {
        foreach (var ch in text)
            if (ch < 0x20 || ch >= 0x7F && ch <= 0x9F || char.IsSurrogate(ch) || ch is '\uFFFE' or '\uFFFF')
                return false;
        return true;
    }

    private static bool IsAllowed(char ch) =>
        ch is '\t' or '\n' or '\r' || ch >= 0x20 && !(ch >= 0x7F && ch <= 0x9F) && !char.IsSurrogate(ch) && ch is not ('\uFFFE' or '\uFFFF');

    private static string Code(char ch) => "\\u" + ((int)ch).ToString("X4", CultureInfo.InvariantCulture);
}
