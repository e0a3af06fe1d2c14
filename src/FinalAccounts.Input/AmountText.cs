using System.Globalization;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Turns an amount cell into a decimal the way finance staff write them: numbers, numbers stored
/// as text with thousands separators ("1,064.50"), blank or a dash for zero.
/// </summary>
public static class AmountText
{
    private static readonly HashSet<string> ZeroMarks = ["", "-", "--", "—", "——", "－", "/"];

    public static bool TryParse(RawCell? cell, out decimal value)
    {
        value = 0m;
        if (cell is null)
            return true;
        if (cell.Number is { } number)
        {
            if (double.IsNaN(number) || double.IsInfinity(number) || Math.Abs(number) > 7.9e27)
                return false;
            // Excel stores binary doubles; 15 significant digits is what Excel itself shows.
            value = decimal.Parse(number.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            return true;
        }
        return TryParse(cell.Text, out value);
    }

    public static bool TryParse(string text, out decimal value)
    {
        value = 0m;
        var cleaned = text.Trim().Replace(",", "").Replace("，", "").Replace(" ", "").Replace("\u00a0", "");
        if (ZeroMarks.Contains(cleaned))
            return true;
        var negative = cleaned.StartsWith('(') && cleaned.EndsWith(')');
        if (negative)
            cleaned = cleaned[1..^1];
        if (!decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value))
            return false;
        if (negative)
            value = -value;
        return true;
    }
}
