using System.Diagnostics;
using Generator.Cli;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// A test that needs LibreOffice. Without it the test is skipped with a visible reason — except
/// under CI=true, where .ci/run installs LibreOffice and a missing one must fail, not skip.
/// </summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute()
    {
        if (!LibreOffice.IsAvailable && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "LibreOffice (soffice) is not installed: PDF test skipped. Install libreoffice-writer, or run .ci/run.";
    }
}

public static class PdfText
{
    /// <summary>The PDF's text with all whitespace removed: pdftotext spaces CJK and digits apart as laid out.</summary>
    public static string Compact(string docxPath) => System.Text.RegularExpressions.Regex.Replace(Of(docxPath), @"\s+", "");

    /// <summary>Converts a .docx to PDF with LibreOffice and returns the PDF's text (pdftotext -layout).</summary>
    public static string Of(string docxPath)
    {
        var pdf = Path.ChangeExtension(docxPath, ".pdf");
        var problem = LibreOffice.ConvertToPdf(docxPath, pdf);
        Assert.True(problem is null, problem);
        return OfPdf(pdf);
    }

    /// <summary>The text of a PDF (pdftotext -layout).</summary>
    public static string OfPdf(string pdf)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-layout", pdf, "-" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}

/// <summary>A theory that needs LibreOffice: skipped without it, as <see cref="LibreOfficeFactAttribute"/>, except under CI=true.</summary>
public sealed class LibreOfficeTheoryAttribute : TheoryAttribute
{
    public LibreOfficeTheoryAttribute()
    {
        if (!LibreOffice.IsAvailable && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "LibreOffice (soffice) is not installed: page image test skipped. Install libreoffice-writer, or run .ci/run.";
    }
}
