using System.Diagnostics;
using System.Runtime.InteropServices;
using FinalAccounts.Input;
using FinalAccounts.Tests.Support;
using Generator.Cli;
using Generator.Cli.Unattended;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 10, reproductions 7–12 and the poison workbook: the drop folder, batch and schedule under
/// faults of the writer, the disk, the output folder and the process. Child processes are real
/// `generator watch` services, killed, signalled and restarted as a supervisor would.
/// </summary>
public class UnattendedFaultTests
{
    private const string Report = "示例县农业农村局2024年度部门决算.docx";
    private static readonly string TemplatePath = Path.Combine(Repo.Root, "templates", "default");
    private static CompiledReportTemplate Template => CompiledReportTemplate.Load(TemplatePath).Template!;

    // ---- 7: a copy that pauses midway ----

    [Fact]
    public void R7_CopyPausedWhileTheWriterHoldsTheFileIsNotClaimedUntilClosed()
    {
        if (!OperatingSystem.IsLinux())
            return;   // the writer is a shell redirect; Windows writers deny the exclusive open instead
        using var temp = new TempFolder();
        var folder = new DropFolder(temp.Path, Template, NullLogger.Instance);
        folder.EnsureFolders();
        var target = Path.Combine(folder.Inbox, "slow.xlsx");
        var half = new FileInfo(Repo.SampleXlsx).Length / 2;
        // As cp or a network copy writes: no lock taken, the descriptor held open across a 3 s stall.
        using var writer = Process.Start("sh", ["-c", "exec 3>\"$1\"; head -c $2 \"$3\" >&3; sleep 3; tail -c +$(($2 + 1)) \"$3\" >&3; exec 3>&-",
            "sh", target, half.ToString(), Repo.SampleXlsx])!;
        Assert.True(Poll.Until(() => File.Exists(target) && new FileInfo(target).Length == half, 10), "the copy never started");

        // Size and time stand still from here for 3 s, far beyond the stable period: only the open
        // descriptor tells. (Right at the stall's end the writer may finish during a pass, so the
        // check stops short of it.)
        var stable = TimeSpan.FromMilliseconds(600);
        var stalled = Stopwatch.StartNew();
        while (stalled.Elapsed < TimeSpan.FromSeconds(2))
        {
            folder.ProcessReadyFiles(stable);
            if (stalled.Elapsed < TimeSpan.FromSeconds(2))
                Assert.True(File.Exists(target), $"a file still open for writing was claimed after {stalled.Elapsed.TotalSeconds:0.0} s of its stall");
            Thread.Sleep(100);
        }
        Assert.True(writer.WaitForExit(TimeSpan.FromSeconds(10)), "the writer never finished");
        Assert.True(Poll.Until(() => { folder.ProcessReadyFiles(stable); return File.Exists(Path.Combine(folder.Archive, "slow.xlsx")) || Names(folder.Failed).Count > 0; }, 20),
            "the finished copy was never processed");

        Assert.Empty(Names(folder.Failed));
        Assert.Equal([Report], Names(folder.Out));
        Assert.Equal(File.ReadAllBytes(Repo.SampleXlsx), File.ReadAllBytes(Path.Combine(folder.Archive, "slow.xlsx")));
    }

    [Fact]
    public async Task R7_ClaimedFileFoundStillChangingIsPutBackNotFailed()
    {
        using var temp = new TempFolder();
        var log = new ListLogger<DropFolder>();
        // A platform where writers are invisible: only the file's size and time tell.
        var folder = new DropFolder(temp.Path, Template, log, isOpenForWriting: _ => false);
        folder.EnsureFolders();
        var target = Path.Combine(folder.Inbox, "slow.xlsx");
        var bytes = File.ReadAllBytes(Repo.SampleXlsx);
        var half = bytes.Length / 2;
        var copying = Task.Run(async () =>
        {
            await using var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            await stream.WriteAsync(bytes.AsMemory(0, half));
            await stream.FlushAsync();
            // Stalled until the service takes the half-written file, then the copy goes on into the moved file.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (File.Exists(target) && DateTime.UtcNow < deadline)
                await Task.Delay(10);
            for (var offset = half; offset < bytes.Length; offset += bytes.Length / 20 + 1)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(bytes.Length / 20 + 1, bytes.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(100);
            }
        });
        var stable = TimeSpan.FromMilliseconds(600);
        Assert.True(Poll.Until(() => { folder.ProcessReadyFiles(stable); return copying.IsCompleted; }, 25), "the copy never finished");
        await copying;
        Assert.True(Poll.Until(() => { folder.ProcessReadyFiles(stable); return File.Exists(Path.Combine(folder.Archive, "slow.xlsx")) || Names(folder.Failed).Count > 0; }, 20),
            "the finished copy was never processed");

        Assert.Empty(Names(folder.Failed));
        Assert.Contains(log.Lines, l => l.Contains("领取后仍在写入，已放回 inbox"));
        Assert.Equal([Report], Names(folder.Out));
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder.Archive, "slow.xlsx")));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Work));
    }

    // ---- 8: a full disk, a read-only out/ ----

    [Theory]
    [InlineData("")]      // the whole disk: not even a claim can be made
    [InlineData("out")]   // only the output folder's disk: the claim waits with its report staged
    public void R8_DiskFullKeepsTheWorkbookQueuedAndTheServiceExitsWith4(string fullUnder)
    {
        using var temp = new TempFolder();
        Drop(Path.Combine(temp.Path, "inbox"), "dept.xlsx");
        var env = new Dictionary<string, string> { ["GENERATOR_TEST_DISK_FULL_UNDER"] = Path.Combine(temp.Path, fullUnder) };
        using (var full = WatchProcess.Start(temp.Path, env, "--Watch:PollSeconds=0.1", "--Watch:MaxBackoffSeconds=0.2", "--Watch:FaultExitSeconds=2"))
        {
            Assert.True(full.WaitForExit(TimeSpan.FromSeconds(25)), "the service stayed alive with the disk full");
            Assert.Equal(ExitCodes.EnvironmentFault, full.ExitCode);
            Assert.Contains("磁盘空间已满", full.Output);
            Assert.Contains("退出码 4", full.Output);
            Assert.True(Count(full.Output, "暂时无法处理投放目录") >= 4, "retried only " + Count(full.Output, "暂时无法处理投放目录") + " times");
        }
        AssertQueued(temp.Path, "dept.xlsx");

        var work = Path.Combine(temp.Path, "work");
        using (var healed = WatchProcess.Start(temp.Path))
        {
            Assert.True(Poll.Until(() => File.Exists(Path.Combine(temp.Path, "archive", "dept.xlsx")), 25), "not processed after the fault was gone");
            // The claim's folder is cleared just after the workbook is archived: wait for that step rather than race it.
            Poll.Until(() => Directory.GetFileSystemEntries(work).Length == 0, 10);
        }
        Assert.Equal([Report], Names(Path.Combine(temp.Path, "out")));
        Assert.Empty(Names(Path.Combine(temp.Path, "failed")));
        Assert.Empty(Directory.GetFileSystemEntries(work));
    }

    [Fact]
    public async Task R8_ReadOnlyOutKeepsTheWorkbookQueuedAndTheServiceExitsWith4()
    {
        using var temp = new TempFolder();
        var outFolder = Directory.CreateDirectory(Path.Combine(temp.Path, "out")).FullName;
        Drop(Path.Combine(temp.Path, "inbox"), "dept.xlsx");
        // chmod does not stop root: there the same refusal is injected, as the kernel would give it.
        var realChmod = !OperatingSystem.IsWindows() && geteuid() != 0 && Environment.UserName != "root";
        IDisposable? injected = null;
        if (realChmod && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(outFolder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        else
            injected = TestHooks.InjectStorageFault(outFolder, () => new UnauthorizedAccessException($"Access to the path '{outFolder}' is denied."));
        var log = new ListLogger<DropFolderService>();
        int exit;
        try
        {
            exit = await RunService(temp.Path, log, faultExitSeconds: 1.5, stopWhen: () => false);
        }
        finally
        {
            if (realChmod && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(outFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            injected?.Dispose();
        }
        Assert.Equal(ExitCodes.EnvironmentFault, exit);
        Assert.Contains(log.Lines, l => l.Contains("没有写权限或目录只读"));
        Assert.Contains(log.Lines, l => l.Contains("退出码 4"));
        Assert.True(log.Lines.Count(l => l.Contains("暂时无法处理投放目录")) >= 4);
        AssertQueued(temp.Path, "dept.xlsx");

        var healed = new ListLogger<DropFolderService>();
        Assert.Equal(ExitCodes.Clean, await RunService(temp.Path, healed, faultExitSeconds: 600,
            stopWhen: () => File.Exists(Path.Combine(temp.Path, "archive", "dept.xlsx"))));
        Assert.Equal([Report], Names(outFolder));
        Assert.Empty(Names(Path.Combine(temp.Path, "failed")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(temp.Path, "work")));
    }

    [Theory]
    [InlineData(true)]    // the output folder refuses everything, staging included
    [InlineData(false)]   // the disk fills up when the good workbook's report is moved into place
    public void R8_BatchIntoAFullDiskSummarisesExitsWith4AndBlamesNoGoodWorkbook(bool wholeFolder)
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        File.Copy(Repo.SampleXlsx, Path.Combine(input, "good.xlsx"));
        WorkbookEditor.Load(Repo.SampleXlsx).Add("公开01表", "C34", 1).Save(Path.Combine(input, "broken.xlsx"));
        var output = temp.File("out");
        var console = Console();

        int exit;
        using (TestHooks.InjectStorageFault(wholeFolder ? output : Path.Combine(output, Report), () => new IOException("No space left on device", 28)))
            exit = BatchCommand.Run(input, output, 2, TemplatePath, console.Console);

        Assert.Equal(ExitCodes.EnvironmentFault, exit);
        var text = console.Text;
        Assert.Contains("环境故障", text);
        Assert.Contains("磁盘空间已满", text);
        Assert.Contains("不是工作簿的问题", text);
        Assert.Contains(Lines(text), l => l.Contains("good.xlsx") && l.Contains("环境故障，未写出"));
        Assert.False(Directory.Exists(Path.Combine(output, ".staging")), ".staging left behind");
        Assert.DoesNotContain(Names(output), n => n.StartsWith("good", StringComparison.Ordinal));   // no failure report for a good workbook
        Assert.Empty(Directory.GetFiles(output, "*.docx"));
        Assert.Equal(wholeFolder ? [] : ["broken.错误报告.txt"], Names(output));   // a broken workbook still gets its report when it can be written
    }

    // ---- 9: kill -9 between the publish step's link and unlink ----

    [Theory]
    [InlineData("out")]       // the report is linked into out/, still in the claim
    [InlineData("archive")]   // the workbook is linked into archive/, still in the claim
    public void R9_KillBetweenLinkAndUnlinkPublishesOnceWithoutCopies(string killedIn)
    {
        using var temp = new TempFolder();
        Drop(Path.Combine(temp.Path, "inbox"), "dept.xlsx");
        var work = Path.Combine(temp.Path, "work");
        var linked = killedIn == "out" ? Path.Combine(temp.Path, "out", Report) : Path.Combine(temp.Path, "archive", "dept.xlsx");
        var source = killedIn == "out" ? "report.docx" : "input.xlsx";
        bool BothNames() => File.Exists(linked) && Directory.Exists(work)
                            && Directory.EnumerateFiles(work, source, SearchOption.AllDirectories).Any();
        // Every link pauses; the archive's link comes after the report's pause has passed.
        var pause = killedIn == "out" ? "60000" : "3000";
        using (var first = WatchProcess.Start(temp.Path, new Dictionary<string, string> { ["GENERATOR_TEST_PAUSE_BETWEEN_LINK_AND_UNLINK_MS"] = pause }))
        {
            Assert.True(Poll.Until(() => File.Exists(linked), 25), $"nothing was linked into {killedIn}/");
            Assert.True(BothNames(), "the kill came after the unlink");
            first.Kill();
        }
        Assert.True(BothNames());   // the kill left the file under both names

        using (var second = WatchProcess.Start(temp.Path))
            Assert.True(Poll.Until(() => Directory.GetFileSystemEntries(work).Length == 0, 25), "the interrupted claim was never finished");
        Assert.Equal([Report], Names(Path.Combine(temp.Path, "out")));
        Assert.Equal(["dept.xlsx"], Names(Path.Combine(temp.Path, "archive")));
        Assert.Empty(Names(Path.Combine(temp.Path, "failed")));
        Assert.Empty(Names(Path.Combine(temp.Path, "inbox")));
    }

    // ---- 10: two services on one folder ----

    [Fact]
    public void R10_SecondWatchOnTheSameFolderSaysSoAndExitsNonZero()
    {
        using var temp = new TempFolder();
        using var first = WatchProcess.Start(temp.Path);
        Assert.True(Poll.Until(() => first.Output.Contains("开始监视"), 25), "the first service did not start: " + first.Output);
        using (var second = WatchProcess.Start(temp.Path))
        {
            Assert.True(second.WaitForExit(TimeSpan.FromSeconds(25)), "the second service kept running");
            Assert.Equal(ExitCodes.Errors, second.ExitCode);
            Assert.Contains("已由另一个 watch 服务在处理", second.Output);
        }
        Drop(Path.Combine(temp.Path, "inbox"), "dept.xlsx");
        Assert.True(Poll.Until(() => File.Exists(Path.Combine(temp.Path, "archive", "dept.xlsx")), 25), "the first service stopped working");
        Assert.False(first.HasExited);
        Assert.Equal([Report], Names(Path.Combine(temp.Path, "out")));
    }

    // ---- 11: a named pipe in the inbox ----

    [Fact]
    public void R11_NamedPipeInTheInboxIsSkippedAndSigtermStillStopsTheService()
    {
        if (OperatingSystem.IsWindows())
            return;   // no named pipes in the file system there
        using var temp = new TempFolder();
        var inbox = Directory.CreateDirectory(Path.Combine(temp.Path, "inbox")).FullName;
        var pipe = Path.Combine(inbox, "a.xlsx");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
            mkfifo.WaitForExit();
        Drop(inbox, "b.xlsx");
        using var watch = WatchProcess.Start(temp.Path);
        Assert.True(Poll.Until(() => File.Exists(Path.Combine(temp.Path, "archive", "b.xlsx")), 25), "the good workbook beside the pipe was not processed");
        // The line was logged before b.xlsx was taken; on a busy machine it may reach us a moment after b's archiving.
        Assert.True(Poll.Until(() => watch.Output.Contains("跳过 a.xlsx：“a.xlsx”是命名管道", StringComparison.Ordinal), 10), watch.Output);

        var stopping = Stopwatch.StartNew();
        watch.Terminate();
        Assert.True(watch.WaitForExit(TimeSpan.FromSeconds(10)), "SIGTERM did not stop the service");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(ExitCodes.Clean, watch.ExitCode);
        Assert.Equal(UnixFile.Kind.Fifo, UnixFile.KindOf(pipe));   // left where it was, never opened or moved
        Assert.Empty(Names(Path.Combine(temp.Path, "failed")));
    }

    // ---- 12: batch and schedule reruns ----

    [Fact]
    public void R12_BatchRerunIsUpToDateForceRegeneratesInPlaceAndSameDepartmentGetsDistinctNames()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        File.Copy(Repo.SampleXlsx, Path.Combine(input, "a.xlsx"));
        WorkbookEditor.Load(Repo.SampleXlsx).Set("变动原因", "B2", null).Save(Path.Combine(input, "b.xlsx"));   // same department, other bytes
        var output = temp.File("out");

        var first = Console();
        Assert.Equal(ExitCodes.Warnings, BatchCommand.Run(input, output, 2, TemplatePath, first.Console));
        Assert.Equal(["示例县农业农村局2024年度部门决算(2).docx", Report], Names(output));
        // The summary maps each input to the report made from it (the report records its source).
        foreach (var report in Directory.GetFiles(output, "*.docx"))
        {
            var source = ReportProvenance.ReadFrom(report)!.SourceName;
            Assert.Contains(Lines(first.Text), l => l.Contains(source) && l.Contains(Path.GetFileName(report) + " "));
        }
        var written = Snapshot(output);

        var second = Console();
        Assert.Equal(ExitCodes.Clean, BatchCommand.Run(input, output, 2, TemplatePath, second.Console));
        Assert.Equal(2, Lines(second.Text).Count(l => l.Contains(".xlsx") && l.Contains("已是最新")));
        Assert.Equal(written, Snapshot(output));   // nothing written, nothing added

        var forced = Console();
        Assert.Equal(ExitCodes.Warnings, BatchCommand.Run(input, output, 2, TemplatePath, forced.Console, force: true));
        Assert.DoesNotContain("已是最新", Lines(forced.Text).Where(l => l.Contains(".xlsx")));
        var regenerated = Snapshot(output);
        Assert.Equal(written.Keys, regenerated.Keys);   // the same names, no copies
        Assert.All(regenerated, r => Assert.NotEqual(written[r.Key].Written, r.Value.Written));
        Assert.False(Directory.Exists(Path.Combine(output, ".staging")));
    }

    [Fact]
    public async Task R12_ScheduledBatchRunTwiceAddsNoCopies()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        File.Copy(Repo.SampleXlsx, Path.Combine(input, "a.xlsx"));
        var options = Options.Create(new ScheduleOptions
        {
            Cron = "* * * * * *",   // every second: two nights in two seconds
            Input = input,
            Output = temp.File("out"),
            Template = TemplatePath,
            Parallel = 1,
            Layout = false,
        });
        var service = new ScheduledBatchService(options, NullLogger<ScheduledBatchService>.Instance);
        var runs = new List<IReadOnlyList<JobOutcome>>();
        var twice = new TaskCompletionSource();
        service.BatchCompleted += outcomes =>
        {
            lock (runs)
            {
                runs.Add(outcomes);
                if (runs.Count == 2)
                    twice.TrySetResult();
            }
        };
        await service.StartAsync(CancellationToken.None);
        var finished = await Task.WhenAny(twice.Task, Task.Delay(TimeSpan.FromSeconds(25)));
        await service.StopAsync(CancellationToken.None);

        Assert.Same(twice.Task, finished);
        Assert.Equal(JobStatus.Succeeded, Assert.Single(runs[0]).Status);
        Assert.Equal(JobStatus.UpToDate, Assert.Single(runs[1]).Status);
        Assert.Equal([Report], Names(temp.File("out")));
    }

    // ---- a workbook that kills the process ----

    [Fact]
    public void PoisonWorkbookGoesToFailedAfterMaxDeathsAndTheWorkbooksBehindItAreProcessed()
    {
        using var temp = new TempFolder();
        var inbox = Path.Combine(temp.Path, "inbox");
        Drop(inbox, "a-poison.xlsx");
        Drop(inbox, "b-good.xlsx");
        var env = new Dictionary<string, string> { ["GENERATOR_TEST_CRASH_ON_NAME"] = "poison", ["DOTNET_DbgEnableMiniDump"] = "0" };
        var deaths = 0;
        // A supervisor: the service is started again each time it dies, as systemd's Restart=always does.
        for (var start = 0; start < 5 && !File.Exists(Path.Combine(temp.Path, "archive", "b-good.xlsx")); start++)
        {
            using var watch = WatchProcess.Start(temp.Path, env, "--Watch:MaxDeaths=2");
            Assert.True(Poll.Until(() => watch.HasExited || File.Exists(Path.Combine(temp.Path, "archive", "b-good.xlsx")), 25), "neither died nor went on");
            if (watch.HasExited)
            {
                Assert.NotEqual(ExitCodes.Clean, watch.ExitCode);
                deaths++;
            }
        }

        Assert.Equal(2, deaths);
        Assert.Equal(["a-poison.xlsx", "a-poison.错误报告.txt"], Names(Path.Combine(temp.Path, "failed")));
        Assert.Contains("处理时程序异常退出", File.ReadAllText(Path.Combine(temp.Path, "failed", "a-poison.错误报告.txt")));
        Assert.Equal(["b-good.xlsx"], Names(Path.Combine(temp.Path, "archive")));
        Assert.Equal([Report], Names(Path.Combine(temp.Path, "out")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(temp.Path, "work")));
    }

    // ---- helpers ----

    /// <summary>A copy of the sample, dated back so it counts as fully written.</summary>
    private static void Drop(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.Copy(Repo.SampleXlsx, path);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));
    }

    /// <summary>Still waiting: in the inbox, or in the one claim of work/ — never failed, never a leaked empty claim.</summary>
    private static void AssertQueued(string root, string name)
    {
        var claims = Directory.GetDirectories(Path.Combine(root, "work"));
        Assert.True(claims.Length <= 1, $"{claims.Length} claim folders");
        var inInbox = File.Exists(Path.Combine(root, "inbox", name));
        var inClaim = claims.Any(c => File.Exists(Path.Combine(c, "input.xlsx")));
        Assert.True(inInbox ^ inClaim, "the workbook is neither queued in inbox/ nor in work/ (or in both)");
        Assert.True(claims.Length == 0 || inClaim, "an empty claim folder was left behind");
        Assert.Empty(Names(Path.Combine(root, "failed")));
    }

    private static async Task<int> RunService(string root, ListLogger<DropFolderService> log, double faultExitSeconds, Func<bool> stopWhen)
    {
        var options = Options.Create(new WatchOptions
        {
            Folder = root, Template = TemplatePath, PollSeconds = 0.1, StableSeconds = 0.2, MaxBackoffSeconds = 0.2, FaultExitSeconds = faultExitSeconds,
            Layout = false,
        });
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => new DropFolderService(options, log).RunAsync(stop.Token));
        Assert.True(Poll.Until(() => run.IsCompleted || stopWhen(), 25), "the service neither ended nor did its work");
        await stop.CancelAsync();
        return await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The files of a folder but batch-summary.json, which every batch rewrites (OperatorTests checks it).</summary>
    private static List<string> Names(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Where(n => n != BatchSummary.FileName).Order(StringComparer.Ordinal).ToList() : [];

    private static Dictionary<string, (long Length, DateTime Written)> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != BatchSummary.FileName)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => (new FileInfo(f).Length, File.GetLastWriteTimeUtc(f)));

    private static int Count(string text, string part) => Lines(text).Count(l => l.Contains(part));

    private static string[] Lines(string text) => text.Split('\n');

    private static CapturedConsole Console() => new();

    /// <summary>A console that keeps what batch prints, wide enough that each table row stays on one line.</summary>
    private sealed class CapturedConsole
    {
        private readonly StringWriter _writer = new();

        public CapturedConsole()
        {
            Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_writer), Ansi = AnsiSupport.No });
            Console.Profile.Width = 200;
        }

        public IAnsiConsole Console { get; }

        public string Text => _writer.ToString();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();
}
