using System.Diagnostics.CodeAnalysis;
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace FinalAccounts.Calculation;

/// <summary>
/// The view model as text, one figure per line: its template path, the printed value and the
/// workbook cells it came from. Written next to a report as its trace file, and used as the
/// reviewed snapshot of the sample's calculation.
/// </summary>
public static class ModelTrace
{
    public static IEnumerable<string> Lines(ReportModel model) => Walk(model, "");

    /// <summary>Every known figure of the model that came from workbook cells, with how it was computed from them.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "View-model assemblies are rooted in the native build (Generator.Cli.csproj).")]
    public static IEnumerable<Money> Figures(object? value)
    {
        switch (value)
        {
            case null or string or bool or int or decimal or Percent:
                yield break;
            case Money m:
                if (!m.IsMissing && m.Sources.Count > 0)
                    yield return m;
                yield break;
            case IEnumerable list:
                foreach (var item in list)
                    foreach (var m in Figures(item))
                        yield return m;
                yield break;
            default:
                if (value.GetType().IsEnum)
                    yield break;
                foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
                    foreach (var m in Figures(property.GetValue(value)))
                        yield return m;
                yield break;
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "View-model assemblies are rooted in the native build (Generator.Cli.csproj).")]
    private static IEnumerable<string> Walk(object? value, string path)
    {
        switch (value)
        {
            case null:
                yield return $"{path}\t(null)";
                break;
            case Money m:
                yield return $"{path}\t{m.Text}{(m.Sources.Count > 0 ? "\t← " + string.Join(" ", m.Sources) : "")}";
                break;
            case Percent p:
                yield return $"{path}\t{p.Text}%";
                break;
            case string s:
                yield return $"{path}\t{s.Replace("\n", "\\n")}";
                break;
            case bool b:
                if (b)
                    yield return $"{path}\ttrue";   // false flags are left out to keep the trace readable
                break;
            case int or decimal:
                yield return $"{path}\t{Convert.ToString(value, CultureInfo.InvariantCulture)}";
                break;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                    foreach (var line in Walk(item, $"{path}[{index++}]"))
                        yield return line;
                break;
            default:
                foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
                    foreach (var line in Walk(property.GetValue(value), Join(path, property.Name)))
                        yield return line;
                break;
        }
    }

    private static string Join(string path, string name)
    {
        var field = JsonNamingPolicy.CamelCase.ConvertName(name);
        return path.Length == 0 ? field : $"{path}.{field}";
    }
}
