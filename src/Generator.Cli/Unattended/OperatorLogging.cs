using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Generator.Cli.Unattended;

/// <summary>
/// Logging of watch and schedule: the console, and a daily rolling file (Serilog's file sink) when
/// Logging:File:Path is set. Both print ISO-8601 local times with their offset, whatever the
/// machine's language. Levels come from Logging:LogLevel (Default, or per category such as
/// "Generator.Cli.Unattended"): Microsoft.Extensions.Logging's filters sit in front of every
/// provider, so the console and the file honour the same setting.
/// </summary>
public static class OperatorLogging
{
    /// <summary>.NET's custom format, every separator quoted so no culture can replace it.</summary>
    public const string IsoFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'sszzz";

    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = IsoFormat + " ";
        });
        if (configuration["Logging:File:Path"] is not { Length: > 0 } path)
            return;
        var retainedDays = int.TryParse(configuration["Logging:File:RetainedDays"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days > 0 ? days : 31;
        // Verbose here: what reaches the file is decided by Logging:LogLevel in front of it.
        var file = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(path,
                formatProvider: CultureInfo.InvariantCulture,
                outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:sszzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}",
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: retainedDays,
                restrictedToMinimumLevel: LogEventLevel.Verbose)
            .CreateLogger();
        // Registered as a plain provider: AddSerilog() would add a Trace filter for it that outranks Logging:LogLevel.
        logging.Services.AddSingleton<ILoggerProvider>(new SerilogLoggerProvider(file, dispose: true));
    }
}
