using System.Text;

namespace FinalAccounts.Tests.Support;

/// <summary>A line diff (longest common subsequence) shown as hunks with one line of context, as a reviewer reads it.</summary>
public static class LineDiff
{
    /// <summary>In a layout description, the heading above a change ("… « 一、收入支出决算总体情况说明 »") says where it is.</summary>
    public static readonly Func<string, string?> LayoutAnchor = line =>
        line.IndexOf(" « ", StringComparison.Ordinal) is var at and >= 0 ? line[(at + 1)..] : line.StartsWith("[页", StringComparison.Ordinal) ? line : null;

    private enum Op { Same, Removed, Added }

    private static List<(Op Op, string Line, int OldNumber)> Script(string[] a, string[] b)
    {
        // Common prefix and suffix first: snapshots differ in a few places, and the table stays small.
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
            start++;
        var (endA, endB) = (a.Length, b.Length);
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1])
            (endA, endB) = (endA - 1, endB - 1);
        var (n, m) = (endA - start, endB - start);
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[start + i] == b[start + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var script = new List<(Op, string, int)>();
        for (var k = 0; k < start; k++)
            script.Add((Op.Same, a[k], k + 1));
        int x = 0, y = 0;
        while (x < n || y < m)
            if (x < n && y < m && a[start + x] == b[start + y])
                (script, x, y) = (Add(script, Op.Same, a[start + x], start + x + 1), x + 1, y + 1);
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
                (script, x) = (Add(script, Op.Removed, a[start + x], start + x + 1), x + 1);
            else
                (script, y) = (Add(script, Op.Added, b[start + y], start + x + 1), y + 1);
        for (var k = endA; k < a.Length; k++)
            script.Add((Op.Same, a[k], k + 1));
        return script;
    }

    private static List<(Op, string, int)> Add(List<(Op, string, int)> script, Op op, string line, int number)
    {
        script.Add((op, line, number));
        return script;
    }

    /// <summary>Only the removed ("- ") and added ("+ ") lines, in order.</summary>
    public static string ChangedOnly(string expected, string actual) =>
        string.Concat(Script(expected.Split('\n'), actual.Split('\n')).Where(s => s.Op != Op.Same).Select(s => (s.Op == Op.Removed ? "- " : "+ ") + s.Line + "\n"));

    /// <summary>How many lines were removed or added.</summary>
    public static int ChangedLines(string expected, string actual) =>
        Script(expected.Split('\n'), actual.Split('\n')).Count(s => s.Op != Op.Same);

    /// <summary>
    /// What a change does, in a few words: removed and added lines paired in order, their differing
    /// words counted ("16pt → 12pt ×132"), most frequent first. A body size or margin change touches
    /// every line of a description; this says in one line that it is the same change everywhere.
    /// </summary>
    public static string Digest(string expected, string actual, int most = 5)
    {
        var script = Script(expected.Split('\n'), actual.Split('\n'));
        var tally = new Dictionary<string, int>();
        for (var i = 0; i < script.Count;)
        {
            if (script[i].Op == Op.Same)
            {
                i++;
                continue;
            }
            var block = script.Skip(i).TakeWhile(s => s.Op != Op.Same).ToList();
            i += block.Count;
            var removed = block.Where(s => s.Op == Op.Removed).Select(s => s.Line.Split(' ')).ToList();
            var added = block.Where(s => s.Op == Op.Added).Select(s => s.Line.Split(' ')).ToList();
            foreach (var (old, now) in removed.Zip(added).Where(p => p.First.Length == p.Second.Length))
                foreach (var change in Enumerable.Range(0, old.Length).Where(k => old[k] != now[k]).Select(k => Named(old, k) + " → " + Named(now, k)).Distinct())
                    tally[change] = tally.GetValueOrDefault(change) + 1;
        }
        return string.Join(", ", tally.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(most).Select(t => $"{t.Key} ×{t.Value}"));
    }

    /// <summary>A changed word with the property it belongs to, when the word before it names one ("left 28", "before 12pt").</summary>
    private static string Named(string[] words, int k) =>
        k > 0 && words[k - 1].Length > 1 && words[k - 1].All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z') && char.IsLower(words[k - 1][0])
            ? $"{words[k - 1]} {words[k]}"
            : words[k];

    /// <summary>"@@ line 12 (under « 二、收入决算情况说明 »)" then " context", "- old", "+ new".</summary>
    public static string Hunks(string expected, string actual, Func<string, string?>? anchor = null)
    {
        var script = Script(expected.Split('\n'), actual.Split('\n'));
        var text = new StringBuilder();
        var shownUntil = -1;
        string? lastAnchor = null;
        for (var i = 0; i < script.Count; i++)
        {
            if (anchor?.Invoke(script[i].Line) is { } a && script[i].Op != Op.Added)
                lastAnchor = a;
            if (script[i].Op == Op.Same)
                continue;
            if (i > shownUntil)
            {
                var from = Math.Max(i - 1, shownUntil + 1);
                text.Append($"@@ line {script[from].OldNumber}{(lastAnchor is null ? "" : $" (under {lastAnchor})")}\n");
                for (var k = from; k < i; k++)
                    text.Append("  ").Append(script[k].Line).Append('\n');
            }
            var end = i;
            while (end + 1 < script.Count && (script[end + 1].Op != Op.Same || (end + 2 < script.Count && script[end + 2].Op != Op.Same)))
                end++;
            end = Math.Min(end + 1, script.Count - 1);   // one line of context after
            for (var k = i; k <= end; k++)
                text.Append(script[k].Op switch { Op.Removed => "- ", Op.Added => "+ ", _ => "  " }).Append(script[k].Line).Append('\n');
            shownUntil = end;
            i = end;
        }
        return text.ToString();
    }

    /// <summary>The first lines of a diff, and how many more there are.</summary>
    public static string Shorten(string diff, int lines)
    {
        var all = diff.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return all.Length <= lines ? diff : string.Join("\n", all.Take(lines)) + $"\n… {all.Length - lines} more diff lines (see the received file)\n";
    }
}
