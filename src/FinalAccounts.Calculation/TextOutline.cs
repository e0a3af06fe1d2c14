using System.Text.RegularExpressions;

namespace FinalAccounts.Calculation;

/// <summary>
/// The Chinese outline a pasted text is written in: 一、 (level 1), （一） (2), 1. (3), （1） or ① (4).
/// Only the number at the start of a line decides; "1.5万元" is a figure, not an item.
/// </summary>
public static partial class TextOutline
{
    /// <summary>A cell's text as paragraphs: one per line (Word's paragraphs become line breaks when pasted into a cell), blank lines dropped.</summary>
    public static IEnumerable<string> Lines(string text) =>
        text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n')
            .Split('\n').Select(l => l.Trim(' ', '\t', '\u3000')).Where(l => l.Length > 0);

    public static int LevelOf(string line) =>
        Level1().IsMatch(line) ? 1 : Level2().IsMatch(line) ? 2 : Level3().IsMatch(line) ? 3 : Level4().IsMatch(line) ? 4 : 0;

    [GeneratedRegex(@"^[一二三四五六七八九十百]+、")]
    private static partial Regex Level1();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十百]+[）)]")]
    private static partial Regex Level2();

    [GeneratedRegex(@"^\d{1,3}[.．、](?!\d)")]
    private static partial Regex Level3();

    [GeneratedRegex(@"^([（(]\d{1,3}[）)]|[\u2460-\u2473])")]
    private static partial Regex Level4();
}
