using System.Text.RegularExpressions;

namespace FinalAccounts.Report;

/// <summary>
/// Column widths from content: an amount ("2,000.00", "76,980,000.00", "95.40%") is never wider
/// than its column, so it never breaks inside the number; a column of short words (≥, 万亩, 定性)
/// keeps two characters a line; the columns of running text give up what the others need.
/// </summary>
/// <remarks>
/// Widths are estimated, not measured: a digit is taken as 0.64 em, the width of the widest
/// substitute a machine without the template's Times New Roman uses (DejaVu Serif), so a PDF
/// made with LibreOffice on a server keeps its amounts whole too.
/// </remarks>
public static partial class TableFitting
{
    /// <summary>Twips a little slack beyond the estimate, for rounding in the layout engine.</summary>
    private const int Slack = 60;

    [GeneratedRegex(@"^-?(\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?)%?$")]
    private static partial Regex AmountText();

    /// <summary>Whether a cell's text is a figure that must stay on one line.</summary>
    public static bool IsAmount(string text) => text.Length > 0 && AmountText().IsMatch(text);

    /// <summary>Twips the text needs on one line at the given size, cell margins (left + right) included.</summary>
    public static int Needed(string text, double points, int margins)
    {
        var ems = 0.0;
        foreach (var c in text)
            ems += Em(c);
        return (int)Math.Ceiling(ems * points * 20) + margins + Slack;
    }

    /// <summary>What a cell's text needs: a whole amount, or at most two characters of words (a word of two never splits).</summary>
    public static int NeededFor(string text, double points, int margins) =>
        IsAmount(text) ? Needed(text, points, margins) : text.Length == 0 ? 0 : Needed(text[..Math.Min(2, text.Length)], points, margins);

    private static double Em(char c) => c switch
    {
        >= '0' and <= '9' => 0.64,
        ',' or '.' or ' ' => 0.32,
        '-' => 0.34,
        '%' => 0.95,
        < '\u0100' => 0.6,
        _ => 1.0,
    };

    /// <summary>
    /// Widens each column to what its cells need, taking the difference from the columns with room
    /// to spare (in proportion to that room); the total width stays the same. Where the table cannot
    /// give enough, the columns are left as they were.
    /// </summary>
    public static int[] Fit(int[] widths, int[] needed)
    {
        var result = (int[])widths.Clone();
        var shortfall = Enumerable.Range(0, widths.Length).Sum(c => Math.Max(0, needed[c] - widths[c]));
        if (shortfall == 0)
            return result;
        var room = Enumerable.Range(0, widths.Length).Select(c => Math.Max(0, widths[c] - needed[c])).ToArray();
        var spare = room.Sum();
        if (spare < shortfall)
            return result;
        for (var c = 0; c < widths.Length; c++)
            result[c] = needed[c] > widths[c] ? needed[c] : widths[c] - (int)Math.Ceiling((double)shortfall * room[c] / spare);
        // Rounding up may have taken a few twips too many: they go back to the widest column.
        var widest = Array.IndexOf(result, result.Max());
        result[widest] += widths.Sum() - result.Sum();
        return result;
    }
}
