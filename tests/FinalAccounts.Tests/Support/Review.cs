using System.Text;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// The review summary a maintainer reads in a minute: Snapshots/review/summary.md, rebuilt whenever a
/// snapshot check fails or passes. Each check (report × text/layout/pages) leaves one fragment while it
/// fails and removes it when it passes, so the summary always shows what the latest run found; diff
/// images lie beside it, under review/REPORT/.
/// </summary>
public static class Review
{
    private static readonly object Gate = new();
    private static readonly string[] Kinds = ["pages", "layout", "text", "wording", "viewmodel"];

    public static string Folder => Path.Combine(Snapshot.Folder, "review");

    public static string SummaryPath => Path.Combine(Folder, "summary.md");

    /// <summary>Where the diff images of one report go (emptied when its pages pass).</summary>
    public static string ImageFolder(string report) => Path.Combine(Folder, report);

    public static void Fail(string report, string kind, string headline, string body)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(Fragment(report, kind), headline + "\n" + body, new UTF8Encoding(false));
            Rebuild();
        }
    }

    public static void Pass(string report, string kind)
    {
        lock (Gate)
        {
            if (!File.Exists(Fragment(report, kind)))
                return;
            File.Delete(Fragment(report, kind));
            if (kind == "pages" && Directory.Exists(ImageFolder(report)))
                Directory.Delete(ImageFolder(report), recursive: true);
            Rebuild();
        }
    }

    private static string Fragment(string report, string kind) => Path.Combine(Folder, $"{report}.{kind}.md");

    private static void Rebuild()
    {
        var fragments = Directory.GetFiles(Folder, "*.md").Where(f => Path.GetFileName(f) != "summary.md")
            .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Text: File.ReadAllText(f)))
            .Select(f => (Report: f.Name[..f.Name.LastIndexOf('.')], Kind: f.Name[(f.Name.LastIndexOf('.') + 1)..], Headline: f.Text[..f.Text.IndexOf('\n')], Body: f.Text[(f.Text.IndexOf('\n') + 1)..]))
            .OrderBy(f => f.Report, StringComparer.Ordinal).ThenBy(f => Array.IndexOf(Kinds, f.Kind)).ToList();
        if (fragments.Count == 0)
        {
            File.Delete(SummaryPath);
            if (!Directory.EnumerateFileSystemEntries(Folder).Any())
                Directory.Delete(Folder);
            return;
        }
        var reports = fragments.GroupBy(f => f.Report).ToList();
        var text = new StringBuilder();
        text.Append("# 快照审阅 / Snapshot review\n\n");
        text.Append($"{reports.Count} report(s) differ from the approved snapshots. Check each change below; if every one is intended, approve all of them with\n");
        text.Append("`dotnet cake --target=Approve` (or `APPROVE_SNAPSHOTS=1 dotnet test Generator.sln --filter \"FullyQualifiedName~Snapshot|Category=Snapshot\"`) and commit the\n");
        text.Append("changed files under `tests/FinalAccounts.Tests/Snapshots/` with the template. This folder (`review/`) is not committed.\n\n");
        text.Append("| report | pages | layout | text |\n|---|---|---|---|\n");
        foreach (var report in reports)
        {
            // Text is the report's text, or for other snapshots their wording or view model.
            string Cell(params string[] kinds) => report.Where(f => kinds.Contains(f.Kind)).Select(f => f.Headline).FirstOrDefault() ?? "unchanged";
            text.Append($"| {report.Key} | {Cell("pages")} | {Cell("layout")} | {Cell("text", "wording", "viewmodel")} |\n");
        }
        foreach (var report in reports)
        {
            text.Append($"\n## {report.Key}\n");
            foreach (var fragment in report)
                text.Append($"\n### {fragment.Kind}: {fragment.Headline}\n\n{fragment.Body}");
        }
        File.WriteAllText(SummaryPath, text.ToString(), new UTF8Encoding(false));
    }
}
