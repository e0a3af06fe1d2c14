using FinalAccounts.Model;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Generator.Cli;

/// <summary>
/// The command line speaks Chinese: System.CommandLine's own zh-Hans resources for most of its help,
/// our words for what they leave in English, and usage errors — with the nearest command or option
/// for a typo — printed here and answered with exit code 64, never the "warnings" code 1.
/// </summary>
public static class CommandLineText
{
    /// <summary>System.CommandLine ships zh-Hans strings for its help and errors; they are chosen by the UI culture.</summary>
    public static void UseChinese()
    {
        try
        {
            var chinese = CultureInfo.GetCultureInfo("zh-Hans");
            CultureInfo.DefaultThreadCurrentUICulture = chinese;
            CultureInfo.CurrentUICulture = chinese;
        }
        catch (CultureNotFoundException)
        {
            // Globalization-invariant mode (a container without ICU): the library's own strings, our words still Chinese.
        }
    }

    /// <summary>Our words for the help option, which the library's resources describe in English.</summary>
    public static void Localise(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption)
                option.Description = "显示帮助和用法";
            else if (option is VersionOption)
                option.Description = "显示版本";
        }
    }

    /// <summary>Help as the library writes it, with the headings its resources leave in English put into Chinese.</summary>
    public static string Help(string text) => text
        .Replace("Description:", "说明：", StringComparison.Ordinal)
        .Replace("[command]", "[命令]", StringComparison.Ordinal)
        .Replace("[options]", "[选项]", StringComparison.Ordinal)
        .Replace("用法:", "用法：", StringComparison.Ordinal)
        .Replace("参数:", "参数：", StringComparison.Ordinal)
        .Replace("选项:", "选项：", StringComparison.Ordinal)
        .Replace("命令: ", "命令：", StringComparison.Ordinal)
        .Replace("命令:", "命令：", StringComparison.Ordinal);

    /// <summary>Writes the usage errors of a parse, each once, with suggestions and where to get help.</summary>
    public static void PrintUsageErrors(ParseResult parse, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        foreach (var token in parse.UnmatchedTokens.Distinct())
        {
            var nearest = Nearest(token, command);
            error.WriteLine(nearest.Count > 0
                ? $"无法识别“{token}”。您是不是要输入：{string.Join("、", nearest)}？"
                : $"无法识别“{token}”。");
        }
        foreach (var parseError in parse.Errors)
        {
            var message = Clean(parseError.Message);
            if (unmatched.Any(t => message.Contains($"“{t}”", StringComparison.Ordinal)))
                continue;   // said above, with a suggestion
            error.WriteLine(message);
        }
        var path = CommandPath(command);
        error.WriteLine($"用法错误。运行“{path} --help”查看用法。");
    }

    /// <summary>The library's message without its mixed quotes and a trailing full stop, and in Chinese where its resources are not.</summary>
    private static string Clean(string message)
    {
        var text = message.Trim().TrimEnd('.').Replace("“'", "“").Replace("'”", "”");
        text = Regex.Replace(text, "'([^']*)'", "“$1”");
        text = Regex.Replace(text, @"^Cannot parse argument “(.*)” for (?:option|argument) “(.*)” as expected type “(.*)”$",
            m => $"“{m.Groups[1].Value}”不是 {m.Groups[2].Value} 要求的{TypeName(m.Groups[3].Value)}");
        text = Regex.Replace(text, @"^Option “(.*)” is required$", "缺少必需的选项 $1");
        text = Regex.Replace(text, @"^Required argument missing for command: “(.*)”$", "“$1”缺少必需的参数");
        return text.EndsWith('。') ? text : text + "。";
    }

    private static string TypeName(string type) =>
        type.Contains("Int32") || type.Contains("Int64") ? "整数" : type.Contains("Decimal") || type.Contains("Double") ? "数字"
        : type.Contains("Boolean") ? "true 或 false" : type.Contains("FileInfo") || type.Contains("DirectoryInfo") ? "路径" : "值";

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c; symbol = c.Parents.FirstOrDefault())
            names.Insert(0, c is RootCommand ? "generator" : c.Name);
        return string.Join(" ", names);
    }

    /// <summary>Subcommands and options of the command within two edits of the token (or starting with it).</summary>
    private static List<string> Nearest(string token, Command command)
    {
        var candidates = command.Subcommands.Select(c => c.Name)
            .Concat(command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)))
            .Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive).SelectMany(o => o.Aliases.Prepend(o.Name))))
            .Where(n => !n.StartsWith("-?", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
        return candidates
            .Select(name => (name, distance: EditDistance.Between(token.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.distance <= Math.Max(1, Math.Min(2, c.name.Length / 3)) || (token.Length >= 3 && c.name.StartsWith(token, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.distance).ThenBy(c => c.name, StringComparer.Ordinal)
            .Select(c => c.name).Take(3).ToList();
    }
}
