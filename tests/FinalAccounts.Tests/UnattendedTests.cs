using FinalAccounts.Tests.Support;
using Generator.Cli;
using Generator.Cli.Unattended;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace FinalAccounts.Tests;

public class BatchTests
{
    private static CompiledReportTemplate Template => CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", "default")).Template!;

    [Fact]
    public void BatchReportsEveryWorkbookOnceAndSummarises()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        File.Copy(Repo.SampleXlsx, Path.Combine(input, "a.xlsx"));
        File.Copy(Repo.SampleXls, Path.Combine(input, "b.xls"));
        WorkbookEditor.Load(Repo.SampleXlsx).Set("变动原因", "B2", null).Save(Path.Combine(input, "warn.xlsx"));
        WorkbookEditor.Load(Repo.SampleXlsx).Add("公开01表", "C34", 1).Save(Path.Combine(input, "broken.xlsx"));
        WorkbookEditor.Load(Repo.SampleXlsx).RenameDepartment("../../etc/passwd").Save(Path.Combine(input, "evil.xlsx"));
        File.WriteAllText(Path.Combine(input, "~$a.xlsx"), "lock");
        var before = Directory.GetFiles(input).ToDictionary(f => f, File.ReadAllBytes);

        var console = new StringWriter();
        var exit = BatchCommand.Run(input, temp.File("out"), 2, Path.Combine(Repo.Root, "templates", "default"),
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console), Ansi = AnsiSupport.No }));

        Assert.Equal(ExitCodes.Errors, exit);
        var outputs = Directory.GetFiles(temp.File("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["batch-summary.json", "broken.错误报告.txt", "etc_passwd2024年度部门决算.docx", "示例县农业农村局2024年度部门决算(2).docx", "示例县农业农村局2024年度部门决算(3).docx", "示例县农业农村局2024年度部门决算.docx"], outputs);
        Assert.Contains("CHK001", File.ReadAllText(temp.File("out/broken.错误报告.txt")));
        Assert.Contains("│ 3    │ 1      │ 1    │", console.ToString());
        Assert.All(before, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));   // inputs untouched
        Assert.All(Directory.GetFiles(temp.File("out"), "*.docx"), f => Assert.Empty(DocxText.ValidationErrors(File.ReadAllBytes(f))));
    }
}

public class DropFolderTests
{
    private static CompiledReportTemplate Template => CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", "default")).Template!;

    [Fact]
    public async Task EveryDroppedInputIsAccountedForExactlyOnce()
    {
        using var temp = new TempFolder();
        var folder = new DropFolder(temp.Path, Template, NullLogger.Instance);
        folder.EnsureFolders();
        File.Copy(Repo.SampleXlsx, Path.Combine(folder.Inbox, "good.xlsx"));
        File.WriteAllText(Path.Combine(folder.Inbox, "notes.xlsx"), "not a workbook");
        File.WriteAllText(Path.Combine(folder.Inbox, "~$good.xlsx"), "Excel lock file");
        File.WriteAllText(Path.Combine(folder.Inbox, "readme.txt"), "ignored");

        // A slow copy: the file grows over a second while held open; it must not be taken half-written.
        var slow = Path.Combine(folder.Inbox, "slow.xlsx");
        var bytes = File.ReadAllBytes(Repo.SampleXlsx);
        var copying = Task.Run(async () =>
        {
            await using var stream = new FileStream(slow, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            for (var offset = 0; offset < bytes.Length; offset += bytes.Length / 8 + 1)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(bytes.Length / 8 + 1, bytes.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(150);
            }
        });
        var stable = TimeSpan.FromMilliseconds(600);
        while (!File.Exists(slow))
            await Task.Delay(10);
        while (!copying.IsCompleted)
        {
            folder.ProcessReadyFiles(stable);
            Assert.True(File.Exists(slow) || copying.IsCompleted, "a file being copied was taken");
            await Task.Delay(100);
        }
        await copying;
        for (var pass = 0; pass < 30 && Directory.EnumerateFiles(folder.Inbox, "*.xlsx").Any(f => !Path.GetFileName(f).StartsWith("~$")); pass++)
        {
            folder.ProcessReadyFiles(stable);
            await Task.Delay(100);
        }
        // The same name again, after the first was archived.
        File.Copy(Repo.SampleXlsx, Path.Combine(folder.Inbox, "good.xlsx"));
        await Task.Delay(700);
        for (var pass = 0; pass < 10 && File.Exists(Path.Combine(folder.Inbox, "good.xlsx")); pass++)
        {
            folder.ProcessReadyFiles(stable);
            await Task.Delay(200);
        }

        static List<string> Names(string dir) => Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;
        Assert.Equal(["readme.txt", "~$good.xlsx"], Names(folder.Inbox));
        Assert.Equal(["good(2).xlsx", "good.xlsx", "slow.xlsx"], Names(folder.Archive));
        Assert.Equal(["notes.xlsx", "notes.错误报告.txt"], Names(folder.Failed));
        Assert.Equal(3, Names(folder.Out).Count(n => n.EndsWith(".docx")));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Work));
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder.Archive, "slow.xlsx")));   // archived byte for byte
    }

    [Fact]
    public void KilledWhileWritingTheReportResumesWithoutPartialOrDuplicateOutput()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "inbox"));
        File.Copy(Repo.SampleXlsx, Path.Combine(temp.Path, "inbox", "dept.xlsx"));
        // File times are set back so the workbook counts as already fully written.
        File.SetLastWriteTimeUtc(Path.Combine(temp.Path, "inbox", "dept.xlsx"), DateTime.UtcNow.AddMinutes(-5));

        using (var first = StartWatch(temp.Path, pauseBeforeRenameMs: 60_000))
        {
            // Wait until the report is being written: a temporary file in the claim folder.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            bool Writing() => Directory.Exists(Path.Combine(temp.Path, "work"))
                && Directory.EnumerateFiles(Path.Combine(temp.Path, "work"), "*.tmp", SearchOption.AllDirectories).Any();
            while (DateTime.UtcNow < deadline && !Writing())
                Thread.Sleep(100);
            Assert.True(Writing(), "the report was never being written");
            first.Kill();
        }
        Assert.Empty(Directory.GetFiles(temp.Path, "*.docx", SearchOption.AllDirectories));   // nothing half-written looks like a report
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Path, "inbox")));                  // the input is safe in work/, not lost

        using (var second = StartWatch(temp.Path, pauseBeforeRenameMs: 0))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline && !File.Exists(Path.Combine(temp.Path, "archive", "dept.xlsx")))
                Thread.Sleep(200);
            second.Kill();
        }
        Assert.Equal(["示例县农业农村局2024年度部门决算.docx"], Directory.GetFiles(Path.Combine(temp.Path, "out")).Select(Path.GetFileName));
        Assert.Equal(["dept.xlsx"], Directory.GetFiles(Path.Combine(temp.Path, "archive")).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(temp.Path, "work")));
        Assert.Empty(DocxText.ValidationErrors(File.ReadAllBytes(Path.Combine(temp.Path, "out", "示例县农业农村局2024年度部门决算.docx"))));
    }

    private static WatchProcess StartWatch(string folder, int pauseBeforeRenameMs) =>
        WatchProcess.Start(folder, new Dictionary<string, string> { ["GENERATOR_TEST_PAUSE_BEFORE_RENAME_MS"] = pauseBeforeRenameMs.ToString() });
}

public class ScheduleTests
{
    [Fact]
    public async Task CronScheduleRunsTheBatchOverTheConfiguredFolder()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        File.Copy(Repo.SampleXlsx, Path.Combine(input, "a.xlsx"));
        var options = Microsoft.Extensions.Options.Options.Create(new ScheduleOptions
        {
            Cron = "* * * * * *",   // every second (six fields: seconds first)
            Input = input,
            Output = temp.File("out"),
            Template = Path.Combine(Repo.Root, "templates", "default"),
            Parallel = 1,
            Layout = false,
        });
        var service = new ScheduledBatchService(options, NullLogger<ScheduledBatchService>.Instance);
        var done = new TaskCompletionSource<IReadOnlyList<JobOutcome>>();
        service.BatchCompleted += outcomes => done.TrySetResult(outcomes);
        await service.StartAsync(CancellationToken.None);
        var finished = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        await service.StopAsync(CancellationToken.None);

        Assert.Same(done.Task, finished);
        Assert.Equal(JobStatus.Succeeded, Assert.Single(await done.Task).Status);
        Assert.Single(Directory.GetFiles(temp.File("out"), "*.docx"));
    }
}
