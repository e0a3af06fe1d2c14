using System.Diagnostics;

namespace Generator.Cli;

/// <summary>
/// LibreOffice in headless mode, for PDF export and the layout pass. Each process gets its own user
/// profile (-env:UserInstallation), so conversions may run side by side.
/// </summary>
public static class LibreOffice
{
    private static readonly Lazy<string?> Executable = new(() =>
        new[] { "soffice", "libreoffice" }.Select(FindOnPath).FirstOrDefault(p => p is not null));

    public static bool IsAvailable => Executable.Value is not null;

    /// <summary>The soffice found on PATH, or null when LibreOffice is not installed.</summary>
    public static string? ExecutablePath => Executable.Value;

    /// <summary>How long a conversion may go without finishing a document before LibreOffice is stopped.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(3);

    /// <summary>Converts a document to PDF next to the given output path; returns null on success, else the reason.</summary>
    public static string? ConvertToPdf(string documentPath, string pdfPath, TimeSpan? timeout = null)
    {
        if (Executable.Value is not { } soffice)
            return "未安装 LibreOffice（soffice），无法导出 PDF；请安装 libreoffice-writer 后重试。";
        var work = Path.Combine(Path.GetTempPath(), "generator-lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            string? produced = null;
            var problem = ConvertAll(soffice, [documentPath], work, (_, pdf) => produced = pdf, timeout);
            // A PDF left by a process that was stopped or failed may be cut short: never published as the PDF.
            if (problem is not null || produced is null)
                return problem ?? "LibreOffice 导出 PDF 失败。";
            File.Move(produced, pdfPath, overwrite: true);
            return null;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// One LibreOffice process converts every document to PDF, so a batch pays for one office start-up
    /// (and one new user profile) instead of one per report. The documents are copied into
    /// <paramref name="work"/> as 0.docx, 1.docx … (their own names may clash) and converted there;
    /// <paramref name="converted"/> gets each document's PDF as soon as it is complete (another PDF has
    /// begun after it, or the process ended), or null for a document LibreOffice could not convert.
    /// Returns why the process failed or was stopped (a document taking longer than <paramref name="stall"/>), else null.
    /// </summary>
    public static string? ConvertAll(string soffice, IReadOnlyList<string> documents, string work, Action<int, string?> converted, TimeSpan? stall = null)
    {
        if (documents.Count == 0)
            return null;
        var input = Path.Combine(work, "in");
        var output = Path.Combine(work, "out");
        Directory.CreateDirectory(input);
        Directory.CreateDirectory(output);
        var names = new List<string>();
        for (var i = 0; i < documents.Count; i++)
        {
            names.Add($"{i}{Path.GetExtension(documents[i])}");
            File.Copy(documents[i], Path.Combine(input, names[^1]));
        }
        // Relative names, from the input folder: a Windows command line holds thousands of them.
        var start = new ProcessStartInfo(soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = input,
        };
        foreach (var argument in new[] { $"-env:UserInstallation={new Uri(Path.Combine(work, "profile")).AbsoluteUri}", "--headless", "--norestore",
                     "--convert-to", "pdf", "--outdir", output }.Concat(names))
            start.ArgumentList.Add(argument);
        var reported = new bool[documents.Count];
        var appeared = new List<int>();
        var seen = new HashSet<int>();
        string Pdf(int i) => Path.Combine(output, $"{i}.pdf");
        void Report(int i)
        {
            if (!reported[i])
            {
                reported[i] = true;
                converted(i, File.Exists(Pdf(i)) ? Pdf(i) : null);
            }
        }
        string? problem = null;
        Process started;
        try
        {
            started = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            for (var i = 0; i < documents.Count; i++)
                converted(i, null);
            return $"无法启动 LibreOffice：{ex.Message}";
        }
        using (var process = started)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var progress = Stopwatch.StartNew();
            while (!process.WaitForExit(200))
            {
                // A PDF is complete once a later one has begun: LibreOffice converts one document at a time.
                var fresh = Directory.EnumerateFiles(output, "*.pdf")
                    .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), out var i) ? i : -1)
                    .Where(i => i >= 0 && i < documents.Count && seen.Add(i)).Order().ToList();
                if (fresh.Count > 0)
                {
                    foreach (var earlier in appeared)
                        Report(earlier);
                    appeared.AddRange(fresh);
                    progress.Restart();
                }
                if (progress.Elapsed > (stall ?? Stall))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);   // its files are released before the work folder is deleted
                    problem = "LibreOffice 排版超时。";
                    break;
                }
            }
            if (problem is null && process.ExitCode != 0)
                problem = $"LibreOffice 转换失败：{stderr.Result.Trim()} {stdout.Result.Trim()}".Trim();
        }
        // After a failure or a stop only the PDFs a later one followed are known complete; the last one begun may be cut short.
        var complete = problem is null ? seen : appeared.Take(Math.Max(0, appeared.Count - 1)).ToHashSet();
        for (var i = 0; i < documents.Count; i++)
            if (problem is null || complete.Contains(i))
                Report(i);
            else
                converted(i, null);
        return problem;
    }

    /// <summary>
    /// A helper program's standard output, or null when it did not finish in time (it is then stopped):
    /// a stuck pdftotext or fc-list must not hold a batch or a service forever.
    /// </summary>
    public static string? OutputOf(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            return null;
        }
        return text.GetAwaiter().GetResult();
    }

    /// <summary>
    /// The fonts a document asks for that this machine does not have (fontconfig's list): LibreOffice
    /// silently substitutes them, so a PDF made here may not look like the document in Word or WPS.
    /// Empty where fontconfig is not there to ask (e.g. Windows).
    /// </summary>
    public static IReadOnlyList<string> MissingFonts(byte[] docx)
    {
        if (FindOnPath("fc-list") is not { } fcList)
            return [];
        var installed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var start = new ProcessStartInfo(fcList) { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(":");
            start.ArgumentList.Add("family");
            if (OutputOf(start, TimeSpan.FromSeconds(30)) is not { } text)
                return [];   // fontconfig did not answer: nothing can be said about missing fonts
            foreach (var line in text.Split('\n'))
                foreach (var family in line.Split(','))
                    if (family.Trim().Length > 0)
                        installed.Add(family.Trim());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
        return FontsOf(docx).Where(f => !installed.Contains(f)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every font family named by the document's styles and runs (not theme references).</summary>
    private static IEnumerable<string> FontsOf(byte[] docx)
    {
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = word.MainDocumentPart!;
        var roots = new DocumentFormat.OpenXml.OpenXmlElement?[] { main.Document, main.StyleDefinitionsPart?.Styles };
        return roots.Where(r => r is not null)
            .SelectMany(r => r!.Descendants<DocumentFormat.OpenXml.Wordprocessing.RunFonts>())
            .SelectMany(f => new[] { f.Ascii?.Value, f.HighAnsi?.Value, f.EastAsia?.Value, f.ComplexScript?.Value })
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .Select(name => name!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
