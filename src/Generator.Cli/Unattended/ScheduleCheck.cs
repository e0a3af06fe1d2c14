using NCrontab;

namespace Generator.Cli.Unattended;

/// <summary>
/// The scheduled batch's settings checked at start, every one of them, so that a mistake stops the
/// service at once with exit code 2 — not at 02:00 when the cron fires, with nobody watching.
/// Each problem names its setting (Schedule:Cron, Schedule:Input, …) in one Chinese line.
/// </summary>
public sealed record ScheduleCheck(CrontabSchedule? Cron, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;

    /// <summary>Five fields ("0 2 * * *" = 02:00 every night), or six with seconds first; null when not a cron expression.</summary>
    public static CrontabSchedule? ParseCron(string? cron) =>
        string.IsNullOrWhiteSpace(cron) ? null
            : CrontabSchedule.TryParse(cron.Trim(), new CrontabSchedule.ParseOptions { IncludingSeconds = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });

    /// <summary>Checks the cron expression, the folders (the output one is created when missing), the parallelism and the template.</summary>
    public static ScheduleCheck Validate(ScheduleOptions settings)
    {
        var problems = new List<string>();
        var cron = ParseCron(settings.Cron);
        if (string.IsNullOrWhiteSpace(settings.Cron))
            problems.Add("Schedule:Cron 未设置：请填写 Cron 表达式（例如每天 02:00 为“0 2 * * *”）。");
        else if (cron is null)
            problems.Add($"Schedule:Cron “{settings.Cron}” 不是有效的 Cron 表达式（五段式：分 时 日 月 星期，例如每天 02:00 为“0 2 * * *”；六段式时第一段为秒）。");

        if (string.IsNullOrWhiteSpace(settings.Input))
            problems.Add("Schedule:Input 未设置：请填写放工作簿的目录。");
        else if (!Directory.Exists(settings.Input))
            problems.Add($"Schedule:Input “{settings.Input}” 目录不存在。");

        if (string.IsNullOrWhiteSpace(settings.Output))
            problems.Add("Schedule:Output 未设置：请填写报告输出目录。");
        else if (File.Exists(settings.Output))
            problems.Add($"Schedule:Output “{settings.Output}” 是一个文件，不是目录。");
        else
        {
            try
            {
                Directory.CreateDirectory(settings.Output);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problems.Add($"Schedule:Output “{settings.Output}” 无法建立：{StorageFault.Describe(ex)}。");
            }
        }

        if (settings.Parallel < 1)
            problems.Add($"Schedule:Parallel “{settings.Parallel}” 必须是正整数（同时处理的工作簿数）。");

        var templatePath = settings.Template ?? CompiledReportTemplate.DefaultPath;
        if (!File.Exists(templatePath) && !Directory.Exists(templatePath))
            problems.Add($"Schedule:Template “{templatePath}” 不存在。");
        else
            try
            {
                var (template, templateProblems) = CompiledReportTemplate.Load(templatePath);
                if (template is null)
                    problems.Add($"Schedule:Template “{templatePath}” 有问题，无法编译：{string.Join("；", templateProblems)}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException)
            {
                problems.Add($"Schedule:Template “{templatePath}” 无法读取：{ex.Message}");
            }
        return new ScheduleCheck(cron, problems);
    }

    /// <summary>The next <paramref name="count"/> run times after <paramref name="from"/>, as local times with their offsets.</summary>
    public static IReadOnlyList<DateTimeOffset> NextRuns(CrontabSchedule cron, DateTime from, int count)
    {
        var runs = new List<DateTimeOffset>();
        var at = from;
        for (var i = 0; i < count; i++)
        {
            at = cron.GetNextOccurrence(at);
            runs.Add(new DateTimeOffset(at, TimeZoneInfo.Local.GetUtcOffset(at)));
        }
        return runs;
    }
}
