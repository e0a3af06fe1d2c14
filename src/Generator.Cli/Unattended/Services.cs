using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Generator.Cli.Unattended;

/// <summary>Settings of the drop folder (section "Watch" of appsettings.json, environment GENERATOR_Watch__…, or --Watch:… arguments).</summary>
public sealed class WatchOptions
{
    public string Folder { get; set; } = "";
    public string? Template { get; set; }
    public double PollSeconds { get; set; } = 2;
    public double StableSeconds { get; set; } = 3;

    /// <summary>How often processing a workbook may end with the process gone before the workbook goes to failed/.</summary>
    public int MaxDeaths { get; set; } = 3;

    /// <summary>Longest wait between retries while the disk or a folder refuses writes (the wait doubles from PollSeconds).</summary>
    public double MaxBackoffSeconds { get; set; } = 60;

    /// <summary>How long such a fault may last before the service exits with code 4, so that its supervisor notices.</summary>
    public double FaultExitSeconds { get; set; } = 600;

    /// <summary>The 目录 page numbers from a LibreOffice layout, one process for all the reports of a pass; false leaves them to Word/WPS.</summary>
    public bool Layout { get; set; } = true;
}

/// <summary>Settings of the scheduled batch (section "Schedule").</summary>
public sealed class ScheduleOptions
{
    /// <summary>Cron expression: five fields ("0 2 * * *" = 02:00 every night), or six with seconds first.</summary>
    public string Cron { get; set; } = "";
    public string Input { get; set; } = "";
    public string Output { get; set; } = "";
    public string? Template { get; set; }
    public int Parallel { get; set; } = Environment.ProcessorCount;

    /// <summary>The 目录 page numbers from a LibreOffice layout, one process per worker for the whole run; false leaves them to Word/WPS.</summary>
    public bool Layout { get; set; } = true;
}

/// <summary>A hosted service whose end decides the process's exit code.</summary>
public interface IExitCodeSource
{
    /// <summary>Null while running; then 0 stopped on request, 2 could not start, 3 internal error, 4 lasting environment fault.</summary>
    int? ExitCode { get; }
}

/// <summary>
/// Runs a service body to its exit code and stops the host when it ends. An exception escaping the
/// body is a defect of ours: logged, exit code 3 — never a silent 0 that a supervisor takes for a normal stop.
/// </summary>
public abstract class ExitingService(ILogger logger, IHostApplicationLifetime? lifetime) : BackgroundService, IExitCodeSource
{
    public int? ExitCode { get; private set; }

    /// <summary>The service body; returns the exit code when it ends by itself or on request.</summary>
    public abstract Task<int> RunAsync(CancellationToken stoppingToken);

    /// <summary>The installed LibreOffice when the settings ask for the layout pass; without one, said once when the service starts.</summary>
    protected static LayoutPass? UsableLayout(bool wanted, ILogger logger)
    {
        if (!wanted)
            return null;
        var installed = LayoutPass.Installed;
        if (installed.IsAvailable)
            return installed;
        logger.LogWarning("{Note}", LayoutPass.Unavailable);
        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();   // the body runs beside the host's start, not inside it
        try
        {
            ExitCode = await RunAsync(stoppingToken);
        }
        catch (Exception ex)
        {
            logger.LogCritical("内部错误，服务退出（退出码 3）：{Message}（请将日志反馈给维护人员）", ex.Message);
            ExitCode = ExitCodes.InternalError;
        }
        finally
        {
            lifetime?.StopApplication();
        }
    }
}

/// <summary>
/// The drop folder as a service: one per folder (a lock file), unfinished claims recovered, then the
/// inbox polled until stopped. Faults of the disk or folders are retried with a growing pause and,
/// when they last, end the service with exit code 4.
/// </summary>
public sealed class DropFolderService(IOptions<WatchOptions> options, ILogger<DropFolderService> logger, IHostApplicationLifetime? lifetime = null)
    : ExitingService(logger, lifetime)
{
    public override async Task<int> RunAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (TestHooks.CrashService)
            throw new InvalidOperationException("GENERATOR_TEST_CRASH_SERVICE");
        var (template, problems) = CompiledReportTemplate.Load(settings.Template ?? CompiledReportTemplate.DefaultPath);
        if (template is null)
        {
            foreach (var problem in problems)
                logger.LogError("{Problem}", problem);
            return ExitCodes.Errors;
        }
        var folder = new DropFolder(settings.Folder, template, logger, settings.MaxDeaths, layout: UsableLayout(settings.Layout, logger));
        FileStream? folderLock;
        try
        {
            Directory.CreateDirectory(settings.Folder);
            folderLock = folder.TryLock();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("无法使用投放目录“{Folder}”：{Cause}", settings.Folder, StorageFault.Describe(ex));
            return ExitCodes.EnvironmentFault;
        }
        if (folderLock is null)
        {
            logger.LogError("投放目录“{Folder}”已由另一个 watch 服务在处理（锁文件 {Lock}），本服务不启动。一个投放目录只能有一个服务。",
                settings.Folder, folder.LockFile);
            return ExitCodes.Errors;
        }
        using (folderLock)
        {
            logger.LogInformation("开始监视 {Inbox}", folder.Inbox);
            var poll = TimeSpan.FromSeconds(settings.PollSeconds);
            var pause = poll;
            DateTime? faultSince = null;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    folder.EnsureFolders();
                    folder.ProcessReadyFiles(TimeSpan.FromSeconds(settings.StableSeconds));
                    if (faultSince is not null)
                        logger.LogInformation("故障已排除，继续处理");
                    faultSince = null;
                    pause = poll;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Not the workbook's fault: it stays queued (in inbox/ or its claim) and is tried again.
                    faultSince ??= DateTime.UtcNow;
                    var lasted = DateTime.UtcNow - faultSince.Value;
                    var cause = ex is StorageFault ? ex.Message : StorageFault.Describe(ex);
                    if (lasted.TotalSeconds >= settings.FaultExitSeconds)
                    {
                        logger.LogError("环境故障已持续 {Seconds:0} 秒：{Cause}。服务退出（退出码 4），工作簿仍在队列中，排除故障后重启服务即可继续。",
                            lasted.TotalSeconds, cause);
                        return ExitCodes.EnvironmentFault;
                    }
                    logger.LogWarning("暂时无法处理投放目录：{Cause}。工作簿仍在队列中，{Seconds:0.#} 秒后重试。", cause, pause.TotalSeconds);
                    await Task.Delay(pause, stoppingToken).ContinueWith(_ => { });
                    pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, Math.Max(settings.MaxBackoffSeconds, settings.PollSeconds)));
                    continue;
                }
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { });
            }
            return ExitCodes.Clean;
        }
    }
}

/// <summary>The scheduled batch: at each cron occurrence, every workbook of the input folder into the output folder.</summary>
public sealed class ScheduledBatchService(IOptions<ScheduleOptions> options, ILogger<ScheduledBatchService> logger, IHostApplicationLifetime? lifetime = null)
    : ExitingService(logger, lifetime)
{
    /// <summary>Raised after each scheduled run (tests and embedding hosts listen).</summary>
    public event Action<IReadOnlyList<JobOutcome>>? BatchCompleted;

    public override async Task<int> RunAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var check = ScheduleCheck.Validate(settings);
        if (!check.Ok)
        {
            foreach (var problem in check.Problems)
                logger.LogError("{Problem}", problem);
            logger.LogError("定时批量的设置有误，服务不启动（退出码 2）。");
            return ExitCodes.Errors;
        }
        var schedule = check.Cron!;
        var layout = UsableLayout(settings.Layout, logger);
        logger.LogInformation("定时批量已启动：Cron “{Cron}”，{Input} → {Output}", settings.Cron, settings.Input, settings.Output);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = ScheduleCheck.NextRuns(schedule, DateTime.Now, 1)[0];
            logger.LogInformation("下一次批量生成：{Next}", BatchSummary.Iso(next));
            var wait = next - DateTimeOffset.Now;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, stoppingToken).ContinueWith(_ => { });
            if (stoppingToken.IsCancellationRequested)
                break;
            // Loaded again at each run: a template changed between runs is used from the next one.
            var (template, problems) = CompiledReportTemplate.Load(settings.Template ?? CompiledReportTemplate.DefaultPath);
            if (template is null)
            {
                foreach (var problem in problems)
                    logger.LogError("{Problem}", problem);
                logger.LogError("模板有问题，本次批量跳过。");
                continue;
            }
            if (!Directory.Exists(settings.Input))
            {
                logger.LogError("Schedule:Input “{Input}” 目录不存在，本次批量跳过。", settings.Input);
                continue;
            }
            IReadOnlyList<JobOutcome> outcomes;
            var started = DateTimeOffset.Now;
            try
            {
                outcomes = BatchRunner.Run(BatchRunner.Workbooks(settings.Input), settings.Output, template, settings.Parallel, cancellation: stoppingToken, layout: layout);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            foreach (var outcome in outcomes)
            {
                logger.Log(Level(outcome.Status), "{Line}", BatchCommand.Line(outcome));
                if (outcome.LayoutNote is not null)
                    logger.LogWarning("{File}：{Note}", Path.GetFileName(outcome.Input), outcome.LayoutNote);
            }
            var troubled = outcomes.Any(o => o.Status is JobStatus.Failed or JobStatus.NotWritten);
            logger.Log(troubled ? LogLevel.Warning : LogLevel.Information, "批量生成完成，{Totals}", BatchCommand.Totals(outcomes));
            try
            {
                BatchSummary.Write(settings.Input, settings.Output, outcomes, started, DateTimeOffset.Now, BatchCommand.ExitCodeOf(outcomes));
            }
            catch (StorageFault fault)
            {
                logger.LogError("未能写出 {File}：{Cause}", BatchSummary.FileName, fault.Message);
            }
            BatchCompleted?.Invoke(outcomes);
        }
        return ExitCodes.Clean;
    }

    /// <summary>Failures at Error, warnings at Warning: an operator filtering the log for problems sees them all.</summary>
    public static LogLevel Level(JobStatus status) => status switch
    {
        JobStatus.Failed or JobStatus.NotWritten => LogLevel.Error,
        JobStatus.SucceededWithWarnings => LogLevel.Warning,
        _ => LogLevel.Information,
    };
}

