using System.Text.Json;
using FinalAccounts.Model;

namespace Generator.Cli;

/// <summary>
/// Where a command may write. An output path must carry the extension of what is written there,
/// may never be one of the command's inputs, and may replace only a file this program wrote
/// before (a report carries its <see cref="ReportProvenance"/>): `generate w.xlsx --out w.xlsx`
/// or `--out 我的总结.docx` must not destroy the user's file.
/// </summary>
public static class OutputPaths
{
    /// <summary>Null when the path may be written; otherwise the reason, in Chinese, naming the option.</summary>
    public static string? Problem(string path, string extension, string option, IEnumerable<string> inputs, Func<string, bool> isOwnOutput)
    {
        var full = Path.GetFullPath(path);
        var name = Printable.Escape(Path.GetFileName(full));
        if (!full.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            return $"{option} 的文件名应以 {extension} 结尾，现为“{name}”。";
        if (inputs.FirstOrDefault(input => SameFile(full, input)) is { } input)
            return $"{option} 指向的“{name}”就是输入文件“{Printable.Escape(Path.GetFileName(input))}”，不能用输出覆盖输入，请换一个文件名。";
        if (Directory.Exists(full))
            return $"{option} 指向的“{name}”是一个文件夹，请给出文件名。";
        if (File.Exists(full) && !isOwnOutput(full))
            return $"“{name}”已经存在，且不是本程序生成的文件，不会覆盖它。请换一个文件名（{option}），或先移走这个文件。";
        return null;
    }

    /// <summary>A report of ours: a .docx recording what it was made from.</summary>
    public static bool IsReport(string path) => ReportProvenance.ReadFrom(path) is not null;

    /// <summary>The view model JSON `calculate` writes: an object with the report's department.</summary>
    public static bool IsViewModelJson(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var json = JsonDocument.Parse(stream);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("department", out _);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A trace `calculate`/`generate` writes: every line "path&lt;TAB&gt;figure".</summary>
    public static bool IsTrace(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var lines = Enumerable.Range(0, 5).Select(_ => reader.ReadLine()).TakeWhile(l => l is not null).ToList();
            return lines.Count > 0 && lines.All(l => l!.Length > 0 && char.IsAsciiLetterLower(l[0]) && l.Contains('\t'));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The same file by path, or by where symbolic links finally lead.</summary>
    public static bool SameFile(string a, string b)
    {
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return string.Equals(Resolve(a), Resolve(b), comparison);
    }

    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }
}
