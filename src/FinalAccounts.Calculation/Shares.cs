namespace FinalAccounts.Calculation;

/// <summary>
/// Shares of one whole, in hundredths of a percent, by the largest-remainder method: each share is
/// rounded down, and the hundredths still missing go to the largest remainders, so the printed
/// shares add up to exactly 100.00%.
/// </summary>
public static class Shares
{
    public static IReadOnlyList<decimal> Of(IReadOnlyList<decimal> parts)
    {
        var whole = parts.Sum();
        if (whole <= 0 || parts.Any(p => p < 0))
            return parts.Select(p => whole == 0 ? 0m : Round.Half(p / whole * 100m)).ToList();
        var exact = parts.Select(p => p / whole * 10000m).ToList();
        var units = exact.Select(Math.Floor).ToList();
        var missing = 10000m - units.Sum();
        foreach (var index in Enumerable.Range(0, parts.Count).OrderByDescending(i => exact[i] - units[i]).ThenBy(i => i).Take((int)missing))
            units[index] += 1;
        return units.Select(u => u / 100m).ToList();
    }
}
