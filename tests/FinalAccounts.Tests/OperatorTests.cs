using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using FinalAccounts.Model;
using FinalAccounts.Tests.Support;
using Generator.Cli;
using Generator.Cli.Unattended;

namespace FinalAccounts.Tests;

/// <summary>
/// What an operator sees: schedule refusing bad settings at once, its next run times, the log file,
/// batch output redirected to a file, and batch-summary.json for the bureau's tooling.
/// </summary>
public class OperatorTests
{
    private static readonly Regex IsoTime = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$");
    private static readonly Regex IsoAtLineStart = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2} ");
    private static string TemplatePath => Path.Combine(Repo.Root, "templates", "default");

    public static TheoryData<string> BadSettings => ["cron", "input", "template"];

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void ScheduleWithABadSettingExits2AtOnceNamingIt(string bad)
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        File.Copy(Repo.SampleXlsx, Path.Combine(input, "a.xlsx"));
        var template = TemplatePath;
        if (bad == "template")
        {
            template = Directory.CreateDirectory(temp.File("tpl")).FullName;
            foreach (var file in Directory.GetFiles(TemplatePath))
                File.Copy(file, Path.Combine(template, Path.GetFileName(file)));
            var xml = Path.Combine(template, "template.xml");
            File.WriteAllText(xml, new Regex(Regex.Escape("{{department.name}}")).Replace(File.ReadAllText(xml), "{{department.nosuch}}", 1));
        }
        var missing = temp.File("没有这个目录");

        using var run = Cli.Run(temp.Path, TimeSpan.FromSeconds(60), "schedule",
            "--Schedule:Cron=" + (bad == "cron" ? "every night at two" : "0 2 * * *"),
            "--Schedule:Input=" + (bad == "input" ? missing : input),
            "--Schedule:Output=" + temp.File("out"),
            "--Schedule:Template=" + template);

        Assert.True(run.Exited, "schedule kept running with a bad setting:\n" + run.Output);
        Assert.Equal(ExitCodes.Errors, run.ExitCode);
        Assert.Contains(bad switch
        {
            "cron" => "Schedule:Cron “every night at two” 不是有效的 Cron 表达式",
            "input" => $"Schedule:Input “{missing}” 目录不存在",
            _ => "error TPL005",
        }, run.Output);
        if (bad == "template")
            Assert.Contains($"Schedule:Template “{template}” 有问题", run.Output);
        Assert.DoesNotContain("下一次批量生成", run.Output);   // never a promise of a run that cannot happen
        Assert.DoesNotContain("Exception", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.Empty(Directory.GetFiles(temp.File("out")));
    }

    [Fact]
    public void ScheduleNextPrintsTheNextRunTimesAndRunsNothing()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        File.Copy(Repo.SampleXlsx, Path.Combine(input, "a.xlsx"));

        using var run = Cli.Run(temp.Path, TimeSpan.FromSeconds(60), "schedule", "--next", "3",
            "--Schedule:Cron=30 2 * * *", "--Schedule:Input=" + input, "--Schedule:Output=" + temp.File("out"));

        Assert.True(run.Exited);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        var lines = run.Stdout;
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Matches(IsoTime, l));
        var times = lines.Select(DateTimeOffset.Parse).ToList();
        Assert.All(times, t => Assert.Equal((2, 30, 0), (t.Hour, t.Minute, t.Second)));
        Assert.True(times[0] > DateTimeOffset.Now && times[0] <= DateTimeOffset.Now.AddDays(1).AddMinutes(1), lines[0]);
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromDays(1)], new[] { times[1] - times[0], times[2] - times[1] });
        Assert.Empty(Directory.GetFiles(temp.File("out")));   // no report, no summary: nothing ran
    }

    [Theory]
    [InlineData("Information")]
    [InlineData("Warning")]
    public void TheLogFileHasIsoTimesAndHonoursTheConfiguredLevel(string level)
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        File.Copy(Repo.SampleXlsx, Path.Combine(input, "good.xlsx"));
        WorkbookEditor.Load(Repo.SampleXlsx).Add("公开01表", "C34", 1).Save(Path.Combine(input, "broken.xlsx"));
        var logs = temp.File("logs");

        using (var schedule = Cli.Start(temp.Path, "schedule", "--Schedule:Cron=* * * * * *", "--Schedule:Input=" + input,
                   "--Schedule:Output=" + temp.File("out"), "--Schedule:Parallel=1", "--Schedule:Template=" + TemplatePath,
                   "--Logging:File:Path=" + Path.Combine(logs, "generator.log"), "--Logging:LogLevel:Default=" + level))
        {
            Assert.True(Poll.Until(() => LogText(logs).Contains("批量生成完成") || schedule.HasExited, 90), "no batch finished:\n" + schedule.Output);
            Assert.False(schedule.HasExited, schedule.Output);
        }

        // Daily rolling: the day is part of the file's name.
        var file = Assert.Single(Directory.GetFiles(logs));
        Assert.Matches(@"generator\d{8}\.log$", file);
        var lines = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => Assert.Matches(IsoAtLineStart, l));
        // A failed workbook is an error, a batch with a failure a warning: both pass a Warning minimum.
        Assert.Contains(lines, l => l.Contains("[ERR]") && l.Contains("broken.xlsx：失败") && l.Contains("CHK"));
        Assert.Contains(lines, l => l.Contains("[WRN]") && l.Contains("批量生成完成") && l.Contains("失败 1"));
        if (level == "Information")
        {
            Assert.Contains(lines, l => l.Contains("[INF]") && Regex.IsMatch(l, @"下一次批量生成：\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"));
            Assert.Contains(lines, l => l.Contains("[INF]") && l.Contains("good.xlsx：成功"));
        }
        else
        {
            Assert.DoesNotContain(lines, l => l.Contains("[INF]") || l.Contains("[DBG]"));
            Assert.DoesNotContain(lines, l => l.Contains("下一次批量生成") || l.Contains("good.xlsx"));
        }
    }

    [Fact]
    public void BatchIntoAFileWritesPlainLinesListingEveryInput()
    {
        using var temp = new TempFolder();
        var input = ThreeWorkbooks(temp);

        // Without the layout pass: two LibreOffice workers would race for which same-titled report is published first.
        using var run = Cli.Run(temp.Path, TimeSpan.FromSeconds(180), "batch", input, temp.File("out"), "--parallel", "2", "--template", TemplatePath, "--no-layout");

        Assert.True(run.Exited);
        Assert.Equal(ExitCodes.Errors, run.ExitCode);
        var output = run.Output;
        Assert.DoesNotContain('\u001b', output);   // no ANSI escape: no colour, no cursor movement, no redrawn bar
        var lines = run.Stdout;
        // One progress line per finished workbook, numbered as they finish.
        Assert.Equal(["[1/3]", "[2/3]", "[3/3]"], lines.Where(l => l.StartsWith('[')).Select(l => l.Split(' ')[0]));
        foreach (var name in new[] { "good.xlsx", "warn.xlsx", "broken.xlsx" })
            Assert.Single(lines, l => l.StartsWith('[') && l.Contains(name));
        // The summary: every input with its report or its failure.
        // good and warn make the same title: whichever finishes first gets the plain name, the other "(2)".
        string[] names = ["示例县农业农村局2024年度部门决算(2).docx", "示例县农业农村局2024年度部门决算.docx"];   // in ordinal order
        var good = Assert.Single(lines, l => l.StartsWith("  good.xlsx：成功 → ", StringComparison.Ordinal));
        var warn = Assert.Single(lines, l => l.StartsWith("  warn.xlsx：有警告 → ", StringComparison.Ordinal));
        Assert.Equal(names, new[] { good, warn }.Select(l => l[(l.IndexOf(" → ", StringComparison.Ordinal) + 3)..]).Order(StringComparer.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  broken.xlsx：失败，", StringComparison.Ordinal) && l.Contains("CHK") && l.EndsWith("（错误报告：broken.错误报告.txt）", StringComparison.Ordinal));
        Assert.Contains("合计：成功 1，有警告 1，失败 1，已是最新 0，环境故障 0", lines);
        Assert.Contains($"汇总（JSON）：{Path.Combine(temp.File("out"), BatchSummary.FileName)}", lines);
    }

    [Fact]
    public void BatchSummaryJsonMapsEachInputToItsOutputStatusAndCounts()
    {
        using var temp = new TempFolder();
        var input = ThreeWorkbooks(temp);
        var output = temp.File("out");
        var expected = new[] { "good.xlsx", "warn.xlsx", "broken.xlsx" }.ToDictionary(n => n, n =>
        {
            var findings = ValidateCommand.Validate(Path.Combine(input, n), TemplatePath);
            return (Errors: findings.Count(f => f.Severity == Severity.Error), Warnings: findings.Count(f => f.Severity == Severity.Warning));
        });
        Assert.Equal((0, 0), expected["good.xlsx"]);
        Assert.True(expected["warn.xlsx"] is { Errors: 0, Warnings: > 0 } && expected["broken.xlsx"].Errors > 0);

        var before = DateTimeOffset.Now.AddSeconds(-1);
        Assert.Equal(ExitCodes.Errors, BatchCommand.Run(input, output, 2, TemplatePath, null!, plain: TextWriter.Null));

        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, BatchSummary.FileName))))
        {
            var root = summary.RootElement;
            Assert.Equal(Path.GetFullPath(input), root.GetProperty("inputFolder").GetString());
            Assert.Equal(2, root.GetProperty("exitCode").GetInt32());
            var started = Iso(root.GetProperty("startedAt"));
            var finished = Iso(root.GetProperty("finishedAt"));
            Assert.True(started >= before && finished >= started && finished <= DateTimeOffset.Now.AddSeconds(1), $"{started} … {finished}");
            var totals = root.GetProperty("totals");
            Assert.Equal((3, 1, 1, 1, 0, 0), (totals.GetProperty("inputs").GetInt32(), totals.GetProperty("succeeded").GetInt32(),
                totals.GetProperty("warnings").GetInt32(), totals.GetProperty("failed").GetInt32(), totals.GetProperty("upToDate").GetInt32(),
                totals.GetProperty("environmentFault").GetInt32()));
            var workbooks = root.GetProperty("workbooks").EnumerateArray().ToDictionary(w => Path.GetFileName(w.GetProperty("input").GetString()!));
            Assert.Equal(["broken.xlsx", "good.xlsx", "warn.xlsx"], workbooks.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, status) in new[] { ("good.xlsx", "succeeded"), ("warn.xlsx", "warnings"), ("broken.xlsx", "failed") })
            {
                var entry = workbooks[name];
                Assert.Equal(Path.Combine(Path.GetFullPath(input), name), entry.GetProperty("input").GetString());
                Assert.Equal(status, entry.GetProperty("status").GetString());
                Assert.Equal(expected[name], (entry.GetProperty("errors").GetInt32(), entry.GetProperty("warnings").GetInt32()));
                Assert.True(entry.GetProperty("durationMs").GetInt64() > 0, name);
                var report = entry.GetProperty("output").GetString();
                var failure = entry.GetProperty("failureReport").GetString();
                if (status == "failed")
                {
                    Assert.Null(report);
                    Assert.Equal(Path.Combine(Path.GetFullPath(output), "broken.错误报告.txt"), failure);
                    Assert.Contains("CHK", entry.GetProperty("firstProblem").GetString());
                }
                else
                {
                    Assert.Null(failure);
                    Assert.True(File.Exists(report) && report.EndsWith(".docx", StringComparison.Ordinal), report);
                    Assert.Equal(name, ReportProvenance.ReadFrom(report)!.SourceName);   // the very report made from this input
                }
            }
        }

        // A rerun: the reports are up to date (nothing read, so no counts); the broken workbook fails again.
        Assert.Equal(ExitCodes.Errors, BatchCommand.Run(input, output, 2, TemplatePath, null!, plain: TextWriter.Null));
        using var rerun = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, BatchSummary.FileName)));
        var again = rerun.RootElement.GetProperty("workbooks").EnumerateArray().ToDictionary(w => Path.GetFileName(w.GetProperty("input").GetString()!));
        Assert.Equal("up-to-date", again["good.xlsx"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, again["good.xlsx"].GetProperty("errors").ValueKind);
        Assert.True(File.Exists(again["good.xlsx"].GetProperty("output").GetString()));
        Assert.Equal("failed", again["broken.xlsx"].GetProperty("status").GetString());
        Assert.Equal(expected["broken.xlsx"].Errors, again["broken.xlsx"].GetProperty("errors").GetInt32());
        Assert.Empty(Directory.GetFiles(output, ".*"));   // written atomically: no temporary file left beside it
    }

    private static DateTimeOffset Iso(JsonElement value)
    {
        Assert.Matches(IsoTime, value.GetString()!);
        return DateTimeOffset.Parse(value.GetString()!);
    }

    /// <summary>The sample as it is (good), without a required reason (a warning), and with a broken total (an error).</summary>
    private static string ThreeWorkbooks(TempFolder temp)
    {
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        File.Copy(Repo.SampleXlsx, Path.Combine(input, "good.xlsx"));
        WorkbookEditor.Load(Repo.SampleXlsx).Set("变动原因", "B2", null).Save(Path.Combine(input, "warn.xlsx"));
        WorkbookEditor.Load(Repo.SampleXlsx).Add("公开01表", "C34", 1).Save(Path.Combine(input, "broken.xlsx"));
        return input;
    }

    private static string LogText(string folder) =>
        Directory.Exists(folder) ? string.Concat(Directory.GetFiles(folder).Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        })) : "";

    /// <summary>`dotnet generator.dll …` as a scheduled task runs it: working folder given, output redirected (not a terminal).</summary>
    private sealed class Cli : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _all = new();
        private readonly ConcurrentQueue<string> _stdout = new();

        private Cli(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Keep(e.Data, _stdout);
            process.ErrorDataReceived += (_, e) => Keep(e.Data, null);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public static Cli Start(string workingFolder, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingFolder,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "generator.dll"));
            foreach (var arg in args)
                start.ArgumentList.Add(arg);
            return new Cli(Process.Start(start)!);
        }

        /// <summary>Runs to its end or <paramref name="timeout"/> (then killed, <see cref="Exited"/> false).</summary>
        public static Cli Run(string workingFolder, TimeSpan timeout, params string[] args)
        {
            var run = Start(workingFolder, args);
            run.Exited = run._process.WaitForExit(timeout);
            if (run.Exited)
                run._process.WaitForExit();   // the output read to the end
            else
                run._process.Kill(entireProcessTree: true);
            return run;
        }

        public bool Exited { get; private set; }

        public bool HasExited => _process.HasExited;

        public int ExitCode => _process.ExitCode;

        public string Output => string.Join("\n", _all);

        public List<string> Stdout => [.. _stdout];

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            _process.Dispose();
        }

        private void Keep(string? line, ConcurrentQueue<string>? stdout)
        {
            if (line is null)
                return;
            _all.Enqueue(line);
            stdout?.Enqueue(line);
        }
    }
}
