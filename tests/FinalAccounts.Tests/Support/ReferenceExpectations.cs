using System.Text.RegularExpressions;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// What a published reference report states, as a data file (Fixtures/reference-NNN/expected.txt): one
/// phrase a line under the paragraph it comes from, each tagged
/// <c>ok | phrase</c> (the generated report says it), <c>fix | phrase | reason</c> (the reference is wrong;
/// the report says the corrected phrase) or <c>pending | phrase | what is missing</c> (the product cannot
/// say it yet). A paragraph is a line <c>@ id title</c>; <c>#</c> starts a comment.
/// </summary>
public sealed record ReferenceExpectations(IReadOnlyList<ReferenceParagraph> Paragraphs)
{
    public static ReferenceExpectations Load(string path)
    {
        var paragraphs = new List<ReferenceParagraph>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith('@'))
            {
                var head = line[1..].Trim();
                var space = head.IndexOf(' ');
                paragraphs.Add(new ReferenceParagraph(space < 0 ? head : head[..space], space < 0 ? "" : head[(space + 1)..].Trim(), []));
                continue;
            }
            var parts = line.Split(" | ", 3);
            var tag = parts[0].Trim();
            if (paragraphs.Count == 0 || parts.Length < 2 || tag is not ("ok" or "fix" or "pending") || tag != "ok" && parts.Length < 3)
                throw new FormatException($"{path}:{number}: expected “@ id title”, “ok | phrase”, “fix | phrase | reason” or “pending | phrase | what is missing”");
            paragraphs[^1].Lines.Add(new ReferenceLine(tag, parts[1].Trim(), parts.Length > 2 ? parts[2].Trim() : "", number));
        }
        return new ReferenceExpectations(paragraphs);
    }

    /// <summary>Text compared without whitespace (the reference's PDF line breaks, the report's tabs).</summary>
    public static string Compact(string text) => Regex.Replace(text, @"\s+", "");
}

public sealed record ReferenceParagraph(string Id, string Title, List<ReferenceLine> Lines)
{
    public bool AllStated => Lines.All(l => l.Tag != "pending");
}

public sealed record ReferenceLine(string Tag, string Phrase, string Note, int LineNumber);
