using System.Diagnostics;

namespace Generator.Cli;

/// <summary>
/// LibreOffice in headless mode, for PDF export. Each conversion gets its own user profile
/// (-env:UserInstallation), so conversions may run side by side.
/// </summary>
public static class LibreOffice
{
    private static readonly Lazy<string?> Executable = new(() =>
        new[] { "soffice", "libreoffice" }.Select(FindOnPath).FirstOrDefault(p => p is not null));

    public static bool IsAvailable => Executable.Value is not null;

    /// <summary>Converts a document to PDF next to the given output path; returns null on success, else the reason.</summary>
    public static string? ConvertToPdf(string documentPath, string pdfPath, TimeSpan? timeout = null)
    {
        if (Executable.Value is not { } soffice)
            return "未安装 LibreOffice（soffice），无法导出 PDF；请安装 libreoffice-writer 后重试。";
        var work = Path.Combine(Path.GetTempPath(), "generator-lo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var start = new ProcessStartInfo(soffice)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { $"-env:UserInstallation=file://{Path.Combine(work, "profile")}", "--headless", "--norestore",
                         "--convert-to", "pdf", "--outdir", work, Path.GetFullPath(documentPath) })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                return "LibreOffice 导出 PDF 超时。";
            }
            var produced = Path.Combine(work, Path.GetFileNameWithoutExtension(documentPath) + ".pdf");
            if (process.ExitCode != 0 || !File.Exists(produced))
                return $"LibreOffice 导出 PDF 失败：{stderr.Result.Trim()} {stdout.Result.Trim()}";
            File.Move(produced, pdfPath, overwrite: true);
            return null;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
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
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
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
