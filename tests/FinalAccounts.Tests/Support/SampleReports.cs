using Generator.Cli;

namespace FinalAccounts.Tests.Support;

/// <summary>One shipped sample workbook filled with one shipped template: "sample-county-agriculture-2024.default".</summary>
public sealed record SampleReport(string Name, string Workbook, string Template);

/// <summary>
/// Every shipped sample (input-samples/*.xlsx) × every shipped template (templates/*), each built and
/// each rendered to PDF at most once per test run, shared by every test that reads it: a LibreOffice
/// conversion costs seconds, and the snapshot and layout tests look at the same PDFs.
/// </summary>
public static class SampleReports
{
    private static readonly TempFolder Temp = new();
    private static readonly Dictionary<string, Lazy<byte[]>> Built = [];
    private static readonly Dictionary<string, Lazy<(byte[] Docx, string Pdf)>> Rendered = [];

    static SampleReports()
    {
        foreach (var report in All)
        {
            Built[report.Name] = new Lazy<byte[]>(() => Build(report));
            Rendered[report.Name] = new Lazy<(byte[], string)>(() => Render(report));
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Temp.Dispose();
    }

    public static IReadOnlyList<SampleReport> All { get; } =
        (from workbook in Directory.GetFiles(Path.Combine(Repo.Root, "input-samples"), "*.xlsx").Order(StringComparer.Ordinal)
         from template in Directory.GetDirectories(Path.Combine(Repo.Root, "templates")).Order(StringComparer.Ordinal)
         select new SampleReport($"{Path.GetFileNameWithoutExtension(workbook)}.{Path.GetFileName(template)}", workbook, template)).ToList();

    public static SampleReport Named(string name) => All.Single(r => r.Name == name);

    /// <summary>The report as `generate --no-layout` writes it (no LibreOffice needed): what the text and layout snapshots read.</summary>
    public static byte[] Document(string name) => Built[name].Value;

    /// <summary>The report as `generate --pdf` writes it: the .docx with its 目录 page numbers and the PDF.</summary>
    public static (byte[] Docx, string Pdf) Pdf(string name) => Rendered[name].Value;

    /// <summary>Renders the named reports two at a time (two cores; one LibreOffice process each).</summary>
    public static void RenderAll(IEnumerable<string> names) =>
        Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = 2 }, name => _ = Rendered[name].Value);

    private static byte[] Build(SampleReport report)
    {
        var template = Compile(report);
        var built = ReportWriter.Build(report.Workbook, template);
        Assert.True(built.Document is not null, $"{report.Name}: {built.Failure} {string.Join("\n", built.TemplateProblems)}");
        return built.Document!;
    }

    private static (byte[], string) Render(SampleReport report)
    {
        var docx = Path.Combine(Temp.Path, report.Name + ".docx");
        var result = ReportWriter.Generate(report.Workbook, Compile(report), docx, pdf: true);
        Assert.True(result.Pdf is not null, $"{report.Name}: no PDF: {result.Failure}");
        return (File.ReadAllBytes(docx), result.Pdf!);
    }

    private static CompiledReportTemplate Compile(SampleReport report)
    {
        var (template, problems) = CompiledReportTemplate.Load(report.Template);
        Assert.True(template is not null, string.Join("\n", problems));
        return template!;
    }
}

/// <summary>
/// The tests that render the shipped samples with LibreOffice (two office processes at a time, both cores):
/// run on their own, after the parallel tests, so their load never overlaps the timing-sensitive drop
/// folder tests; they share one rendering of each sample × template (<see cref="SampleReports"/>).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RenderedSamplesCollection
{
    public const string Name = "Rendered samples";
}
