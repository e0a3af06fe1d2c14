using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FinalAccounts.Tests.Support;
using Generator.Cli;
using Generator.Cli.Unattended;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 16: batch and watch lay their reports out with one LibreOffice process per worker (per pass
/// for watch), not one per report. The office program is a wrapper that logs each start and then runs
/// the real one, so the test counts processes and still reads real page numbers.
/// </summary>
public class BatchLayoutTests
{
    private static CompiledReportTemplate Template => CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", "default")).Template!;

    [LibreOfficeFact]
    public void ABatchStartsOneOfficeProcessPerWorkerAndEveryContentsHasItsPageNumbers()
    {
        if (OperatingSystem.IsWindows())
            return;   // the counting office is a shell script
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        foreach (var name in new[] { "a.xlsx", "b.xlsx", "c.xlsx" })
            File.Copy(Repo.SampleXlsx, Path.Combine(input, name));
        File.Copy(Repo.SichuanSampleXlsx, Path.Combine(input, "d.xlsx"));
        var (office, starts) = CountingOffice(temp);

        var outcomes = BatchRunner.Run(BatchRunner.Workbooks(input), temp.File("out"), Template, parallel: 2, layout: new LayoutPass(office));

        Assert.All(outcomes, o => Assert.Equal(JobStatus.Succeeded, o.Status));
        Assert.All(outcomes, o => Assert.Null(o.LayoutNote));
        Assert.Equal(2, File.ReadAllLines(starts).Length);   // two workers, two office processes, four reports
        foreach (var report in outcomes.Select(o => o.Report!))
            AssertNumbered(File.ReadAllBytes(report), report);
    }

    [LibreOfficeFact]
    public void AWatchPassLaysAllItsReportsOutWithOneOfficeProcess()
    {
        if (OperatingSystem.IsWindows())
            return;   // the counting office is a shell script
        using var temp = new TempFolder();
        var folder = new DropFolder(temp.File("drop"), Template, NullLogger.Instance, layout: new LayoutPass(CountingOffice(temp).Office));
        folder.EnsureFolders();
        foreach (var name in new[] { "a.xlsx", "b.xlsx" })
            File.Copy(Repo.SampleXlsx, Path.Combine(folder.Inbox, name));

        Assert.Equal(2, folder.ProcessReadyFiles(TimeSpan.Zero));

        Assert.Single(File.ReadAllLines(temp.File("starts.log")));
        var reports = Directory.GetFiles(folder.Out, "*.docx");
        Assert.Equal(2, reports.Length);
        foreach (var report in reports)
            AssertNumbered(File.ReadAllBytes(report), report);
    }

    [Fact]
    public void WithoutLibreOfficeABatchSaysSoOnceAndLeavesTheContentsToWordAndWps()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        foreach (var name in new[] { "a.xlsx", "b.xlsx", "c.xlsx" })
            File.Copy(Repo.SampleXlsx, Path.Combine(input, name));
        var output = new StringWriter();

        var exit = BatchCommand.Run(input, temp.File("out"), 2, Path.Combine(Repo.Root, "templates", "default"), null!, plain: output, layout: new LayoutPass(null));

        Assert.Equal(ExitCodes.Clean, exit);
        Assert.Single(Regex.Matches(output.ToString(), Regex.Escape(LayoutPass.Unavailable)));
        foreach (var report in Directory.GetFiles(temp.File("out"), "*.docx"))
        {
            var docx = File.ReadAllBytes(report);
            using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
            Assert.True(word.MainDocumentPart!.DocumentSettingsPart!.Settings.GetFirstChild<UpdateFieldsOnOpen>()?.Val?.Value, "the 目录 is not marked for update on opening");
            Assert.All(TocPageNumberTests.TocNumbers(docx), n => Assert.Equal("", n));
            Assert.Empty(DocxText.ValidationErrors(docx));
        }
    }

    /// <summary>A soffice that writes one line per start to starts.log, then runs the installed LibreOffice.</summary>
    private static (string Office, string Starts) CountingOffice(TempFolder temp)
    {
        var office = temp.File("soffice");
        var starts = temp.File("starts.log");
        File.WriteAllText(office, $"#!/bin/sh\necho \"$$\" >> '{starts}'\nexec '{LibreOffice.ExecutablePath}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())   // the tests using it return early on Windows
            File.SetUnixFileMode(office, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (office, starts);
    }

    private static void AssertNumbered(byte[] docx, string name)
    {
        var numbers = TocPageNumberTests.TocNumbers(docx);
        Assert.True(numbers.Count >= 20, $"{name}: only {numbers.Count} 目录 entries");
        Assert.All(numbers, n => Assert.Matches(@"^\d+$", n));
        Assert.Equal(numbers.Select(int.Parse).Order(), numbers.Select(int.Parse));   // headings in page order
        Assert.Empty(DocxText.ValidationErrors(docx));
    }
}
