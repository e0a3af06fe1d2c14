using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using FinalAccounts.Report;

namespace Generator.Cli;

/// <summary>
/// The layout pass: reports laid out by LibreOffice to learn on which page each heading falls, and
/// those numbers written into their 目录. A batch or a drop-folder pass lays all its reports out with
/// one LibreOffice process per worker (<see cref="NumberAll"/>), never one per report. Without
/// LibreOffice the 目录 keeps its fields, which Word and WPS update on opening (updateFields).
/// </summary>
/// <param name="soffice">The LibreOffice program; null when there is none (a test may pass a wrapper that counts its starts).</param>
public sealed class LayoutPass(string? soffice)
{
    /// <summary>The LibreOffice installed on this machine (unavailable when there is none).</summary>
    public static LayoutPass Installed => new(LibreOffice.ExecutablePath);

    public bool IsAvailable => soffice is not null;

    /// <summary>Said once per run (generate, batch, watch, schedule) when LibreOffice is not installed.</summary>
    public const string Unavailable = "提示：未安装 LibreOffice，目录暂无页码；在 Word 或 WPS 中打开时会自动更新。";

    public static string Failed(string problem) => $"提示：排版以确定目录页码时出错（{problem}），目录暂无页码；在 Word 或 WPS 中打开时会自动更新。";

    /// <summary>
    /// Numbers the 目录 of each report file in place, all of them laid out by one LibreOffice process.
    /// <paramref name="done"/> is called once per report as soon as it is finished: with null when its
    /// 目录 has its page numbers, else with the note why it was left to Word/WPS.
    /// </summary>
    public void NumberAll(IReadOnlyList<string> reports, Action<int, string?> done)
    {
        if (soffice is null)
        {
            for (var i = 0; i < reports.Count; i++)
                done(i, Unavailable);
            return;
        }
        if (reports.Count == 0)
            return;
        WorkFolder.Use(work =>
        {
            var problem = LibreOffice.ConvertAll(soffice, reports, work, (i, pdf) =>
            {
                if (pdf is null)
                {
                    done(i, Failed("LibreOffice 未能排版此报告"));
                    return;
                }
                // Numbering a report may fail (a damaged PDF, a full disk): that report keeps its 目录 for Word/WPS to fill.
                // Whatever `done` does (publishing, reporting) happens once, outside this try.
                string? note = null;
                try
                {
                    var numbered = Numbered(File.ReadAllBytes(reports[i]), pdf);
                    AtomicFile.Write(reports[i], temp => File.WriteAllBytes(temp, numbered));
                }
                catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
                {
                    note = Failed(ex.Message);
                }
                done(i, note);
            });
            return problem;
        });
    }

    /// <summary>The document with the page on which <paramref name="pdf"/> (its layout) shows each heading written into its 目录.</summary>
    public static byte[] Numbered(byte[] document, string pdf)
    {
        var pages = PdfPages(pdf);
        using var stream = new MemoryStream();
        stream.Write(document);
        stream.Position = 0;
        using (var word = WordprocessingDocument.Open(stream, true))
        {
            var numbers = new Dictionary<string, int>();
            // The 目录 pages list every heading too: search from the page after the last one with dot leaders.
            var from = pages.Select((text, i) => (text, i)).Where(p => p.text.Contains(".....")).Select(p => p.i + 1).DefaultIfEmpty(0).Max();
            foreach (var (bookmark, text) in TableOfContents.Entries(word))
            {
                var page = Enumerable.Range(from, Math.Max(0, pages.Count - from)).FirstOrDefault(i => pages[i].Contains(Compact(text)), -1);
                if (page < 0)
                    continue;
                numbers[bookmark] = page + 1;
                from = page;
            }
            TableOfContents.SetPageNumbers(word, numbers);
        }
        return stream.ToArray();
    }

    /// <summary>The text of each PDF page, whitespace removed (pdftotext separates pages with form feeds).</summary>
    private static IReadOnlyList<string> PdfPages(string pdf)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { pdf, "-" })
            start.ArgumentList.Add(argument);
        try
        {
            return (LibreOffice.OutputOf(start, TimeSpan.FromMinutes(1)) ?? "").Split('\f').Select(Compact).ToList();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];   // without pdftotext the 目录 keeps no page numbers; Word/WPS fill them on open
        }
    }

    private static string Compact(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}

/// <summary>A temporary folder of its own for a piece of work, removed afterwards whatever happens.</summary>
public static class WorkFolder
{
    public static T Use<T>(Func<string, T> body)
    {
        var work = Path.Combine(Path.GetTempPath(), "generator-layout-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            return body(work);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }
}
