using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NCrontab;

namespace Generator.Cli.Unattended;

/// <summary>Settings of the drop folder (section "Watch" of appsettings.json, environment GENERATOR_Watch__…, or --Watch:… arguments).</summary>
public sealed class WatchOptions
{
    public string Folder { get; set; } = "";
    public string? Template { get; set; }
    public double PollSeconds { get; set; } = 2;
    public double StableSeconds { get; set; } = 3;
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
}

/// <summary>The drop folder as a service: recover unfinished claims, then poll the inbox until stopped.</summary>
public sealed class DropFolderService(IOptions<WatchOptions> options, ILogger<DropFolderService> logger, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var (template, problems) = CompiledReportTemplate.Load(settings.Template ?? CompiledReportTemplate.DefaultPath);
        if (template is null)
        {
            foreach (var problem in problems)
                logger.LogError("{Problem}", problem);
            Environment.ExitCode = ExitCodes.Errors;
            lifetime.StopApplication();
            return;
        }
        var folder = new DropFolder(settings.Folder, template, logger);
        folder.EnsureFolders();
        folder.Recover();
        logger.LogInformation("Watching {Inbox}", folder.Inbox);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                folder.ProcessReadyFiles(TimeSpan.FromSeconds(settings.StableSeconds));
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Drop folder pass failed; retrying");   // a share that blinked: the next pass picks up
            }
            await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken).ContinueWith(_ => { });
        }
    }
}

/// <summary>The scheduled batch: at each cron occurrence, every workbook of the input folder into the output folder.</summary>
public sealed class ScheduledBatchService(IOptions<ScheduleOptions> options, ILogger<ScheduledBatchService> logger) : BackgroundService
{
    /// <summary>Raised after each scheduled run (tests and embedding hosts listen).</summary>
    public event Action<IReadOnlyList<JobOutcome>>? BatchCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var schedule = CrontabSchedule.Parse(settings.Cron,
            new CrontabSchedule.ParseOptions { IncludingSeconds = settings.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(DateTime.Now);
            logger.LogInformation("Next batch at {Next}", next);
            await Task.Delay(next - DateTime.Now, stoppingToken).ContinueWith(_ => { });
            if (stoppingToken.IsCancellationRequested)
                break;
            var (template, problems) = CompiledReportTemplate.Load(settings.Template ?? CompiledReportTemplate.DefaultPath);
            if (template is null)
            {
                foreach (var problem in problems)
                    logger.LogError("{Problem}", problem);
                continue;
            }
            var outcomes = BatchRunner.Run(BatchRunner.Workbooks(settings.Input), settings.Output, template, settings.Parallel, cancellation: stoppingToken);
            logger.LogInformation("Batch done: {Succeeded} succeeded, {Warnings} with warnings, {Failed} failed",
                outcomes.Count(o => o.Status == JobStatus.Succeeded), outcomes.Count(o => o.Status == JobStatus.SucceededWithWarnings),
                outcomes.Count(o => o.Status == JobStatus.Failed));
            BatchCompleted?.Invoke(outcomes);
        }
    }
}

/// <summary>A file logger for unattended runs (Logging:File:Path); the console logger stays on.</summary>
public sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private readonly object _gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
            File.AppendAllText(path, line + Environment.NewLine);
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                provider.Write($"{DateTime.Now:yyyy-MM-dd HH:mm:ss} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
        }
    }
}
