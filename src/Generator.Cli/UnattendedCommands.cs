using System.CommandLine;
using Generator.Cli.Unattended;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        var command = new Command("schedule", "按 appsettings.json 中 Schedule:Cron 定时批量生成（Schedule:Input → Schedule:Output）");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => RunHost<ScheduledBatchService>(parse.UnmatchedTokens.ToArray(), new Dictionary<string, string?>()));
        return command;
    }

    /// <summary>
    /// A generic host: configuration from appsettings.json, GENERATOR_-prefixed environment
    /// variables and --Section:Key=value arguments; console logging, and a file log when Logging:File:Path is set.
    /// </summary>
    private static int RunHost<TService>(string[] args, Dictionary<string, string?> overrides) where TService : ExitingService
    {
        // appsettings.json beside the program, then one in the working folder, then environment, then arguments.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables("GENERATOR_");
        builder.Configuration.AddCommandLine(args);
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.Configure<WatchOptions>(builder.Configuration.GetSection("Watch"));
        builder.Services.Configure<ScheduleOptions>(builder.Configuration.GetSection("Schedule"));
        if (builder.Configuration["Logging:File:Path"] is { Length: > 0 } logPath)
            builder.Logging.AddProvider(new FileLoggerProvider(logPath));
        builder.Services.AddSingleton<TService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TService>());
        using var host = builder.Build();
        // Taken before the run: Run() disposes the host and its services when it returns.
        var service = host.Services.GetRequiredService<TService>();
        host.Run();
        // The service's own verdict: a crash inside it is 3, a lasting disk fault 4 — never a silent 0.
        return service.ExitCode ?? ExitCodes.Clean;
    }
}
