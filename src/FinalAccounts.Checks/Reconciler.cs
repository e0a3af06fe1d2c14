using System.Globalization;
using FinalAccounts.Model;

namespace FinalAccounts.Checks;

/// <summary>
/// Compares amounts and records findings. A difference within one source-unit tail (0.01 万元)
/// per addend is what converting 元 to 万元 leaves behind: a warning. More is an error.
/// </summary>
internal sealed class Reconciler
{
    private readonly List<Diagnostic> _findings = new();

    public IReadOnlyList<Diagnostic> Findings => _findings;

    /// <summary>total = Σ parts (signs allowed: a part may be subtracted).</summary>
    public void SumEquals(string id, string totalName, Amount total, string partsName, IReadOnlyList<(Amount Amount, int Sign)> parts)
    {
        var sum = parts.Sum(p => p.Amount.Value * p.Sign);
        if (total.Value == sum)
            return;   // most checks hold: no message is formatted for them
        var tail = parts.Select(p => p.Amount.Tail).Append(total.Tail).Max();
        Compare(id, $"{totalName} {Money(total.Value)} ≠ {partsName} {Money(sum)}", total, sum, tail * Math.Max(1, parts.Count), parts.Select(p => p.Amount));
    }

    public void SumEquals(string id, string totalName, Amount total, string partsName, IEnumerable<Amount> parts) =>
        SumEquals(id, totalName, total, partsName, parts.Select(p => (p, 1)).ToList());

    public void Equal(string id, string leftName, Amount left, string rightName, Amount right)
    {
        if (left.Value == right.Value)
            return;
        Compare(id, $"{leftName} {Money(left.Value)} ≠ {rightName} {Money(right.Value)}", left, right.Value, Math.Max(left.Tail, right.Tail), [right]);
    }

    /// <summary>small ≤ big, e.g. a 公开05表 cell cannot exceed the same cell of 公开03表.</summary>
    public void AtMost(string id, string smallName, Amount small, string bigName, Amount big)
    {
        var excess = small.Value - big.Value;
        if (excess <= 0)
            return;
        var severity = excess <= Math.Max(small.Tail, big.Tail) ? Severity.Warning : Severity.Error;
        Add(new Diagnostic(id, severity, $"{smallName} {Money(small.Value)} 大于 {bigName} {Money(big.Value)}（超出{Money(excess)}）",
            small.Source, Sources([big]), small.Value, big.Value));
    }

    public void Missing(string what, CellRef? near) =>
        Add(new Diagnostic(CheckIds.LineMissing, Severity.Error, $"找不到{what}，相关核对无法进行；请勿改动决算系统导出的表头和项目名称。", near));

    public void Add(Diagnostic diagnostic) => _findings.Add(diagnostic);

    private void Compare(string id, string text, Amount left, decimal right, decimal tolerance, IEnumerable<Amount> related)
    {
        var difference = left.Value - right;
        if (difference == 0)
            return;
        var severity = Math.Abs(difference) <= tolerance ? Severity.Warning : Severity.Error;
        var suffix = severity == Severity.Warning ? $"（相差{Money(Math.Abs(difference))}，在单位换算尾差范围内）" : $"（相差{Money(Math.Abs(difference))}）";
        Add(new Diagnostic(id, severity, text + suffix, left.Source, Sources(related), left.Value, right));
    }

    private static List<CellRef> Sources(IEnumerable<Amount> amounts) =>
        amounts.Select(a => a.Source).OfType<CellRef>().Distinct().ToList();

    public static string Money(decimal value) => value.ToString("#,##0.00####", CultureInfo.InvariantCulture);
}
