using System.Diagnostics.CodeAnalysis;
using System.CommandLine;
using Generator.Cli.Unattended;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Generator.Cli;

/// <summary>`generator watch &lt;folder&gt;` and `generator schedule`: the hosted, unattended ways to run.</summary>
public static class UnattendedCommands
{
    public static Command Watch()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "投放目录（其下自动建立 inbox、out、archive、failed、work）" };
        var template = new Option<string?>("--template") { Description = "模板目录或文件（默认：templates/default）" };
        var command = new Command("watch", "监视投放目录：放入 inbox 的工作簿自动生成报告") { folder, template };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var overrides = new Dictionary<string, string?> { ["Watch:Folder"] = parse.GetValue(folder)!.FullName };
            if (parse.GetValue(template) is { } t)
                overrides["Watch:Template"] = t;
            return RunHost<DropFolderService>(parse.UnmatchedTokens.ToArray(), overrides);
        });
        return command;
    }

    public static Command Schedule()
    {
        var next = new Option<int?>("--next") { Description = "只检查设置并列出之后 N 次运行时间，不运行批量" };
        var command = new Command("schedule", "按 appsettings.json 中 Schedule:Cron 定时批量生成（Schedule:Input → Schedule:Output）") { next };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var args = parse.UnmatchedTokens.ToArray();
            if (parse.GetValue(next) is not { } count)
                return RunHost<ScheduledBatchService>(args, new Dictionary<string, string?>());
            return NextRuns(args, count);
        });
        return command;
    }

    /// <summary>`schedule --next N`: the settings checked as at start, then the next N run times; nothing runs.</summary>
    private static int NextRuns(string[] args, int count)
    {
        if (count < 1)
        {
            Console.Error.WriteLine($"--next “{count}” 必须是正整数。");
            return ExitCodes.Usage;
        }
        using var host = Build<ScheduledBatchService>(args, new Dictionary<string, string?>());
        var logger = host.Services.GetRequiredService<ILogger<ScheduledBatchService>>();
        if (Settings<ScheduleOptions>(host, "Schedule", logger) is not { } settings)
            return ExitCodes.Errors;
        var check = ScheduleCheck.Validate(settings);
        if (!check.Ok)
        {
            foreach (var problem in check.Problems)
                logger.LogError("{Problem}", problem);
            return ExitCodes.Errors;
        }
        foreach (var run in ScheduleCheck.NextRuns(check.Cron!, DateTime.Now, count))
            Console.WriteLine(BatchSummary.Iso(run));
        return ExitCodes.Clean;
    }

    /// <summary>
    /// A generic host: configuration from appsettings.json, GENERATOR_-prefixed environment
    /// variables and --Section:Key=value arguments; console logging, and a file log when Logging:File:Path is set.
    /// </summary>
    private static int RunHost<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(string[] args, Dictionary<string, string?> overrides) where TService : ExitingService
    {
        using var host = Build<TService>(args, overrides);
        var logger = host.Services.GetRequiredService<ILogger<TService>>();
        // A setting of the wrong type (Parallel=abc) is a mistake of the operator's, said in one line: exit 2, no stack trace.
        if (Settings<WatchOptions>(host, "Watch", logger) is null || Settings<ScheduleOptions>(host, "Schedule", logger) is null)
            return ExitCodes.Errors;
        // Taken before the run: Run() disposes the host and its services when it returns.
        var service = host.Services.GetRequiredService<TService>();
        host.Run();
        // The service's own verdict: a crash inside it is 3, a lasting disk fault 4 — never a silent 0.
        return service.ExitCode ?? ExitCodes.Clean;
    }

    private static IHost Build<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(string[] args, Dictionary<string, string?> overrides) where TService : ExitingService
    {
        // appsettings.json beside the program, then one in the working folder, then environment, then arguments.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables("GENERATOR_");
        builder.Configuration.AddCommandLine(args);
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.Configure<WatchOptions>(builder.Configuration.GetSection("Watch"));
        builder.Services.Configure<ScheduleOptions>(builder.Configuration.GetSection("Schedule"));
        OperatorLogging.Configure(builder.Logging, builder.Configuration);
        builder.Services.AddSingleton<TService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TService>());
        return builder.Build();
    }

    private static T? Settings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IHost host, string section, ILogger logger) where T : class
    {
        try
        {
            return host.Services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (InvalidOperationException ex)
        {
            logger.LogError("{Section} 节的设置无法读取（某项的值类型不对，例如数字处写了文字）：{Detail}", section, ex.Message);
            return null;
        }
    }
}
