using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FinalAccounts.Report;
using FinalAccounts.Tests.Support;
using Generator.Cli;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 16's layout test: the shipped samples rendered to PDF with LibreOffice (as `generate --pdf`
/// does) and read as a reader reads them — amounts whole, the 目录 right, bar axes from 0, and no
/// page left short because a chart or table did not fit. One PDF per sample and template, shared.
/// </summary>
[Collection(RenderedSamplesCollection.Name)]
public class LayoutTests(RenderedSamples samples) : IClassFixture<RenderedSamples>
{
    [LibreOfficeFact]
    public void NoTableAmountIsSplitAcrossLines()
    {
        var problems = new List<string>();
        foreach (var report in samples.Reports)
        {
            // Every amount a table cell holds must be found whole, as one word, as often as the tables hold it:
            // an amount split across lines ("2,000.0" / "0") is two words, neither of them the amount.
            var printed = report.Pages.SelectMany(p => p.Words).GroupBy(w => w.Text).ToDictionary(g => g.Key, g => g.Count());
            foreach (var (amount, count) in report.TableAmounts)
                if (printed.GetValueOrDefault(amount) < count)
                    problems.Add($"{report.Name}: {amount} is in {count} table cell(s) but printed whole {printed.GetValueOrDefault(amount)} time(s)" +
                                 $" (pages {string.Join(",", report.Pages.Where(p => p.Compact.Contains(amount, StringComparison.Ordinal)).Select(p => p.Number))})");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [LibreOfficeFact]
    public void TheContentsPageNumbersAreThePagesTheHeadingsLandOn()
    {
        var problems = new List<string>();
        foreach (var report in samples.Reports)
        {
            var tocPages = report.Pages.Where(p => p.Compact.Contains(".....", StringComparison.Ordinal)).ToList();
            Assert.True(tocPages.Count > 0, $"{report.Name}: no 目录 page with dot leaders");
            var contents = string.Concat(tocPages.Select(p => p.Body));
            var from = tocPages[^1].Number + 1;   // headings are searched after the 目录 (whose lines start with them too), in order
            var at = 0;
            foreach (var heading in report.Headings)
            {
                var entry = new Regex(Regex.Escape(heading) + @"\.{2,}(\d+)").Match(contents, at);
                if (!entry.Success)
                {
                    problems.Add($"{report.Name}: 目录 has no page number for “{heading}”");
                    continue;
                }
                at = entry.Index + entry.Length;
                var listed = int.Parse(entry.Groups[1].Value, CultureInfo.InvariantCulture);
                var page = report.Pages.Skip(from - 1).FirstOrDefault(p => p.StartsALine(heading));
                if (page is null)
                {
                    problems.Add($"{report.Name}: “{heading}” not found at the start of a line after page {from}");
                    continue;
                }
                from = page.Number;
                if (listed != page.Number)
                    problems.Add($"{report.Name}: 目录 says “{heading}” is on page {listed}, it is on page {page.Number}");
                if (page.Footer is { } footer && footer != listed)
                    problems.Add($"{report.Name}: 目录 says “{heading}” is on page {listed}, the page's footer says {footer}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [LibreOfficeFact]
    public void BarChartValueAxesStartAtZero()
    {
        foreach (var report in samples.Reports)
        {
            using var word = WordprocessingDocument.Open(new MemoryStream(report.Docx), false);
            var bars = word.MainDocumentPart!.ChartParts.Where(c => c.ChartSpace.Descendants<C.BarChart>().Any()).ToList();
            Assert.NotEmpty(bars);
            foreach (var bar in bars)
                Assert.All(bar.ChartSpace.Descendants<C.ValueAxis>(), axis => Assert.Equal(0d, axis.Scaling?.MinAxisValue?.Val?.Value));
        }
    }

    [LibreOfficeFact]
    public void NoPageEndsShortBecauseAChartOrTableDidNotFit()
    {
        var problems = new List<string>();
        foreach (var report in samples.Reports)
        {
            var lastContentsPage = report.Pages.Where(p => p.Compact.Contains(".....", StringComparison.Ordinal)).Max(p => p.Number);
            for (var i = lastContentsPage; i < report.Pages.Count - 1; i++)
            {
                var (page, next) = (report.Pages[i], report.Pages[i + 1]);
                // A page before a page break (a part, a 附件, a 附表, a section) may end anywhere.
                if (report.PageStarters.Any(s => next.Body.StartsWith(s, StringComparison.Ordinal)))
                    continue;
                if (page.Filled < 0.75)
                    problems.Add($"{report.Name}: page {page.Number} is {page.Filled:P0} filled, page {next.Number} starts with “{Head(next.Body)}”");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// A pie's labels are the text's shares, each printed whole and clear of the others — also the
    /// thin slices side by side (图2's 0.48% and 0.15%, 图6's 1.38% and 1.56%).
    /// </summary>
    [LibreOfficeFact]
    public void PieLabelsAreTheSharesEachPrintedClearOfTheOthers()
    {
        var problems = new List<string>();
        foreach (var report in samples.Reports)
        {
            using var word = WordprocessingDocument.Open(new MemoryStream(report.Docx), false);
            var pies = word.MainDocumentPart!.ChartParts.Where(c => c.ChartSpace.Descendants<C.PieChart>().Any())
                .Select(c => c.ChartSpace.Descendants<C.DataLabel>().Select(l => l.InnerText).ToList()).ToList();
            Assert.NotEmpty(pies);
            foreach (var labels in pies)
            {
                Assert.All(labels, l => Assert.Matches(@"^\d+\.\d{2}%$", l));
                var page = report.Pages.FirstOrDefault(p => labels.All(l => p.Words.Any(w => w.Text == l)));
                if (page is null)
                {
                    problems.Add($"{report.Name}: no page prints the pie labels {string.Join(" ", labels)} each as a word of its own");
                    continue;
                }
                var boxes = labels.Select(l => page.Words.First(w => w.Text == l)).ToList();
                foreach (var (a, b) in boxes.SelectMany((a, i) => boxes.Skip(i + 1).Select(b => (a, b))))
                    if (a.XMin < b.XMax && b.XMin < a.XMax && a.YMin < b.YMax && b.YMin < a.YMax)
                        problems.Add($"{report.Name} page {page.Number}: pie labels {a.Text} and {b.Text} overlap");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The 目录 fits its pages: one page, or a last page that is more than a couple of spilled lines.</summary>
    [LibreOfficeFact]
    public void TheContentsFitsItsPages()
    {
        foreach (var report in samples.Reports)
        {
            var tocPages = report.Pages.Where(p => p.Compact.Contains(".....", StringComparison.Ordinal)).ToList();
            var lines = tocPages[^1].BodyWords.Select(w => Math.Round(w.YMin)).Distinct().Count();
            Assert.True(tocPages.Count == 1 || lines >= 6, $"{report.Name}: the 目录 spills {lines} line(s) onto page {tocPages[^1].Number}");
        }
    }

    private static string Head(string text) => text.Length > 20 ? text[..20] : text;
}

/// <summary>The shipped samples as PDF: the county sample with both templates, the Sichuan 13-table export with the default.</summary>
public sealed class RenderedSamples
{
    private readonly Lazy<IReadOnlyList<RenderedReport>> reports;

    public RenderedSamples() => reports = new Lazy<IReadOnlyList<RenderedReport>>(Render);

    /// <summary>Rendered on first use, so a machine without LibreOffice (tests skipped) renders nothing.</summary>
    public IReadOnlyList<RenderedReport> Reports => reports.Value;

    private IReadOnlyList<RenderedReport> Render()
    {
        (string Name, string Report)[] cases =
        [
            ("county/default", "sample-county-agriculture-2024.default"),
            ("county/hubei", "sample-county-agriculture-2024.hubei"),
            ("sichuan/default", "sample-sichuan-13-tables-2024.default"),
        ];
        // The same PDFs the page snapshots compare: each sample × template is rendered once per test run.
        SampleReports.RenderAll(cases.Select(c => c.Report));
        return cases.Select(c => SampleReports.Pdf(c.Report)).Select((pdf, i) => RenderedReport.Read(cases[i].Name, pdf.Docx, pdf.Pdf)).ToList();
    }
}

public sealed record PdfWord(double YMin, double YMax, string Text, double XMin = 0, double XMax = 0);

/// <summary>One PDF page: its words with their boxes, and where the document's margins put its body.</summary>
public sealed record PdfPage(int Number, IReadOnlyList<PdfWord> Words, double BodyTop, double BodyBottom)
{
    private static readonly Regex FooterText = new(@"^—(\d+)—$");

    /// <summary>The words inside the body area (the footer's page number left out).</summary>
    public IReadOnlyList<PdfWord> BodyWords => Words.Where(w => w.YMin < BodyBottom).ToList();

    /// <summary>The body's text, whitespace removed.</summary>
    public string Body => string.Concat(BodyWords.Select(w => w.Text));

    /// <summary>All the page's text, whitespace removed.</summary>
    public string Compact => string.Concat(Words.Select(w => w.Text));

    /// <summary>The number the footer prints ("— 7 —"), if the page has one.</summary>
    public int? Footer
    {
        get
        {
            var match = FooterText.Match(string.Concat(Words.Where(w => w.YMin >= BodyBottom).Select(w => w.Text)));
            return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
    }

    /// <summary>How much of the body's height the page's text reaches down to (0–1).</summary>
    public double Filled => BodyWords.Count == 0 ? 0 : (BodyWords.Max(w => w.YMax) - BodyTop) / (BodyBottom - BodyTop);

    /// <summary>Whether a line of the page begins with the text (words on one line share their top).</summary>
    public bool StartsALine(string text) =>
        BodyWords.GroupBy(w => Math.Round(w.YMin)).Select(line => string.Concat(line.Select(w => w.Text)))
            .Any(line => line.StartsWith(text, StringComparison.Ordinal) || (text.StartsWith(line, StringComparison.Ordinal) && line.Length >= 6));
}

public sealed record RenderedReport(string Name, byte[] Docx, IReadOnlyList<PdfPage> Pages)
{
    private static readonly Regex Amount = new(@"^-?(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d+)%?$");

    /// <summary>Each amount the document's tables hold (whitespace removed), with how many cells hold it.</summary>
    public IReadOnlyDictionary<string, int> TableAmounts { get; private init; } = new Dictionary<string, int>();

    /// <summary>The headings the 目录 lists, whitespace removed, in order.</summary>
    public IReadOnlyList<string> Headings { get; private init; } = [];

    /// <summary>The start (whitespace removed, at most 8 characters) of each paragraph that begins a new page.</summary>
    public IReadOnlyList<string> PageStarters { get; private init; } = [];

    public static RenderedReport Read(string name, byte[] docx, string pdf)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = word.MainDocumentPart!;
        var body = main.Document.Body!;
        var amounts = body.Descendants<TableCell>().Select(c => Compact(c.InnerText)).Where(t => Amount.IsMatch(t))
            .GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var headings = TableOfContents.Entries(word).Select(e => Compact(e.Text)).ToList();
        var sections = body.Descendants<SectionProperties>().Select(s => (Size: s.GetFirstChild<PageSize>()!, Margin: s.GetFirstChild<PageMargin>()!)).ToList();
        var pages = PagesOf(pdf, sections);
        return new RenderedReport(name, docx, pages) { TableAmounts = amounts, Headings = headings, PageStarters = Starters(main) };
    }

    /// <summary>
    /// Paragraphs that begin a page: page break before (their own or their style's), after a section
    /// break, after a page-break character.
    /// </summary>
    private static List<string> Starters(MainDocumentPart main)
    {
        var styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>().ToDictionary(s => s.StyleId!.Value!) ?? [];
        bool StyleBreaks(string? id)
        {
            for (var depth = 0; id is not null && styles.TryGetValue(id, out var style) && depth < 10; depth++)
            {
                if (style.StyleParagraphProperties?.PageBreakBefore is { } b)
                    return b.Val?.Value ?? true;
                id = style.BasedOn?.Val?.Value;
            }
            return false;
        }
        var starters = new List<string>();
        var breakPending = false;
        foreach (var paragraph in main.Document.Body!.Descendants<Paragraph>())
        {
            var properties = paragraph.ParagraphProperties;
            var breaks = properties?.PageBreakBefore is { } own ? own.Val?.Value ?? true : StyleBreaks(properties?.ParagraphStyleId?.Val?.Value);
            var text = Compact(paragraph.InnerText);
            if ((breaks || breakPending) && text.Length > 0)
            {
                starters.Add(text.Length > 8 ? text[..8] : text);
                breakPending = false;
            }
            if (properties?.SectionProperties is not null || paragraph.Descendants<Break>().Any(b => b.Type?.Value == BreakValues.Page))
                breakPending = true;
        }
        return starters;
    }

    /// <summary>The PDF's pages from pdftotext -bbox, each with the body area of its section (by orientation).</summary>
    private static List<PdfPage> PagesOf(string pdf, List<(PageSize Size, PageMargin Margin)> sections)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-bbox", pdf, "-" })
            start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var html = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var pages = new List<PdfPage>();
        foreach (Match page in Regex.Matches(html, @"<page width=""([\d.]+)"" height=""([\d.]+)"">(.*?)</page>", RegexOptions.Singleline))
        {
            var (width, height) = (Number(page.Groups[1].Value), Number(page.Groups[2].Value));
            var landscape = width > height;
            var section = sections.FirstOrDefault(s => (s.Size.Width!.Value > s.Size.Height!.Value) == landscape, sections[^1]);
            var words = Regex.Matches(page.Groups[3].Value, @"<word xMin=""([\d.]+)"" yMin=""([\d.]+)"" xMax=""([\d.]+)"" yMax=""([\d.]+)"">([^<]*)</word>")
                .Select(w => new PdfWord(Number(w.Groups[2].Value), Number(w.Groups[4].Value), System.Net.WebUtility.HtmlDecode(w.Groups[5].Value),
                    Number(w.Groups[1].Value), Number(w.Groups[3].Value))).ToList();
            pages.Add(new PdfPage(pages.Count + 1, words, section.Margin.Top!.Value / 20.0, height - section.Margin.Bottom!.Value / 20.0));
        }
        return pages;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string Compact(string text) => Regex.Replace(text, @"\s+", "");
}
