using System.Text;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// Snapshot testing in the Verify style, kept small: text is compared with the committed
/// Snapshots/REPORT.KIND.verified.txt; a mismatch writes REPORT.KIND.received.txt beside it, adds the
/// change to the review summary (<see cref="Review"/>) and fails with the first differing lines.
/// Approve with APPROVE_SNAPSHOTS=1 (or `dotnet cake --target=Approve`).
/// </summary>
public static class Snapshot
{
    public static string Folder => Path.Combine(Repo.Root, "tests", "FinalAccounts.Tests", "Snapshots");

    public static bool Approving => Environment.GetEnvironmentVariable("APPROVE_SNAPSHOTS") == "1";

    /// <summary>The approved text of a snapshot (null when none was approved yet): tests read wording from here, not from a copy in C#.</summary>
    public static string? Approved(string report, string kind)
    {
        var path = Path.Combine(Folder, $"{report}.{kind}.verified.txt");
        return File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : null;
    }

    public static void Verify(string report, string kind, string text)
    {
        Directory.CreateDirectory(Folder);
        var verified = Path.Combine(Folder, $"{report}.{kind}.verified.txt");
        var received = Path.Combine(Folder, $"{report}.{kind}.received.txt");
        text = text.Replace("\r\n", "\n");
        if (Approving)
        {
            File.WriteAllText(verified, text, new UTF8Encoding(false));
            File.Delete(received);
            Review.Pass(report, kind);
            return;
        }
        var expected = Approved(report, kind);
        if (expected == text)
        {
            File.Delete(received);
            Review.Pass(report, kind);
            return;
        }
        File.WriteAllText(received, text, new UTF8Encoding(false));
        var diff = LineDiff.Hunks(expected ?? "", text, kind == "layout" ? LineDiff.LayoutAnchor : null);
        var changed = LineDiff.ChangedLines(expected ?? "", text);
        var digest = kind == "layout" ? LineDiff.Digest(expected ?? "", text) : "";
        Review.Fail(report, kind, expected is null ? "new, nothing approved yet" : $"{changed} line(s){(digest.Length > 0 ? ": " + digest : "")}",
            $"`{Path.GetFileName(received)}` against `{Path.GetFileName(verified)}`:\n\n```diff\n{LineDiff.Shorten(diff, 80)}```\n");
        Assert.Fail(expected is null
            ? $"No approved snapshot {verified}; review {received} and approve it ({Review.SummaryPath})."
            : $"Snapshot {report}.{kind} changed; review {Review.SummaryPath}, or {received} against {verified}:\n{LineDiff.Shorten(diff, 30)}");
    }

    /// <summary>
    /// The approved text of a shipped report with some of its figures or inputs replaced, as a test that
    /// changes one input expects the whole report to read: the wording stays the approved one, so a
    /// wording change needs only the approval. Fails when a replaced text is not in the approved report.
    /// </summary>
    public static string ApprovedWith(string report, params (string Old, string New)[] replacements)
    {
        var approved = Approved(report, "text") ?? throw new InvalidOperationException($"no approved text snapshot for {report}");
        foreach (var (old, now) in replacements)
        {
            Assert.True(approved.Contains(old, StringComparison.Ordinal), $"“{old}” is not in the approved report {report}");
            approved = approved.Replace(old, now, StringComparison.Ordinal);
        }
        return approved;
    }

    /// <summary>
    /// How a report made from a changed input differs from the shipped sample's report with the same
    /// template, as an approved snapshot (Snapshots/NAME.wording.verified.txt): the sentences a template
    /// uses only when an input is missing or unusual have their wording approved like the rest, never
    /// copied into a test. Only changed lines are kept ("- " sample, "+ " this report).
    /// </summary>
    public static void VerifyChangedLines(string name, string sampleReport, string text)
    {
        var sample = DocxText.Of(SampleReports.Document(sampleReport)).Replace("\r\n", "\n");
        Verify(name, "wording", LineDiff.ChangedOnly(sample, text.Replace("\r\n", "\n")));
    }
}
