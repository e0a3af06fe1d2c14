using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using DocxTemplating;
using FinalAccounts.Calculation;

namespace Generator.Cli;

/// <summary>
/// The field reference (docs/模板字段.md, `generator template fields`): every field of the view model with
/// its meaning and unit, read from the view model's XML documentation comments (shipped beside
/// FinalAccounts.Calculation.dll), and an example value from the shipped sample workbook (embedded in this
/// program). Nothing is written by hand, so nothing can drift from the model.
/// </summary>
public static class FieldReference
{
    public const string RegenerateCommand = "dotnet run --project src/Generator.Cli -- template fields > docs/模板字段.md";

    /// <summary>
    /// One documented member: what it means and, for amounts, rates and counts, its unit (a
    /// <c>&lt;unit&gt;</c> element in the comment). An empty <c>&lt;unit/&gt;</c> means "the unit of the
    /// field above": a count's value is 人次 under 外事接待人次 and 辆 under 公务用车保有量.
    /// </summary>
    public sealed record Documentation(string Meaning, string Unit, bool UnitFromParent = false);

    /// <summary>Every field path with the documentation id of the property behind it ("P:FinalAccounts.Calculation.Money.Text").</summary>
    public static IReadOnlyList<(string Path, string Kind, string MemberId)> Fields() =>
        DataSchema.FromType(typeof(ReportModel), MemberId).Paths().ToList();

    private static string MemberId(PropertyInfo property) => $"P:{property.DeclaringType!.FullName}.{property.Name}";

    /// <summary>The documentation of every property of the view model's assembly, by member id; empty when the XML file is missing.</summary>
    public static IReadOnlyDictionary<string, Documentation> Documented { get; } = Read();

    private static Dictionary<string, Documentation> Read()
    {
        var assembly = typeof(ReportModel).Assembly;
        // Beside the program: the build copies each referenced project's documentation file there, and a native
        // (AOT) program has no assembly files to look beside.
        var file = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
        if (!File.Exists(file))
            file = null;
        if (file is null)
            return [];
        return XDocument.Load(file).Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("P:", StringComparison.Ordinal) == true && m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m =>
            {
                var summary = m.Element("summary")!;
                var unit = summary.Element("unit");
                unit?.Remove();
                return new Documentation(string.Join(" ", summary.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), unit?.Value.Trim() ?? "",
                    unit is { IsEmpty: true });
            });
    }

    public static string Markdown()
    {
        var examples = Examples();
        var text = new StringBuilder();
        text.AppendLine("# 报告视图模型字段");
        text.AppendLine();
        text.AppendLine($"由程序从视图模型的文档注释生成，请勿手工编辑；重新生成：`{RegenerateCommand}`（安装后为 `generator template fields`）。");
        text.AppendLine("列表字段用 `{{#each 字段}}` 遍历，`[]` 表示列表中的每一项；“含义”按字段路径逐级给出（上级 › 本级）；示例取自示例工作簿");
        text.AppendLine("（input-samples/sample-county-agriculture-2024.xlsx，默认计算设置），列表取第一项。金额已按万元四舍五入到两位小数。");
        text.AppendLine();
        text.AppendLine("| 字段 | 类型 | 含义 | 单位 | 示例 |");
        text.AppendLine("|---|---|---|---|---|");
        var meanings = new Dictionary<string, string>();
        var units = new Dictionary<string, string>();
        foreach (var (path, kind, id) in Fields())
        {
            var own = Documented.TryGetValue(id, out var doc) ? doc : new Documentation("（无说明）", "");
            var parent = path.LastIndexOf('.') is var dot and > 0 ? path[..dot].Replace("[]", "") : null;
            var key = path.Replace("[]", "");
            meanings[key] = parent is not null && meanings.TryGetValue(parent, out var above) ? $"{above} › {own.Meaning}" : own.Meaning;
            units[key] = own.UnitFromParent && parent is not null ? units.GetValueOrDefault(parent, "") : own.Unit;
            text.AppendLine($"| `{path}` | {kind} | {Cell(meanings[key])} | {Cell(units[key])} | {Cell(examples.GetValueOrDefault(path) ?? "")} |");
        }
        text.AppendLine();
        text.AppendLine("可用函数：`join 列表 \"、\"`、`cn 数字`（一、二…）、`inc @index`、`eq a b`、`thousands x`（1,234.50）、`plain x`（1234.50）；");
        text.AppendLine("单独成段的元素：`{{chart 图表字段 \"图例\"}}`（原生图表）、`{{publicTable 附表字段}}`（公开表）。");
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");

    /// <summary>Each field's value in the sample's view model (a list's first item; a list as its count), as printed in the table.</summary>
    private static Dictionary<string, string> Examples()
    {
        var examples = new Dictionary<string, string>();
        if (SampleModel() is not { } model)
            return examples;
        void Walk(string path, object? value)
        {
            switch (value)
            {
                case IDictionary<string, object?> fields:
                    foreach (var (name, child) in fields)
                        Walk(path.Length == 0 ? name : $"{path}.{name}", child);
                    break;
                case IList<object?> list:
                    examples[path] = $"{list.Count} 项";
                    if (list.Count > 0)
                        Walk(path + "[]", list[0]);
                    break;
                case null:
                    examples[path] = "（空）";
                    break;
                default:
                    var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                    text = value is bool b ? (b ? "true" : "false") : text.Length > 40 ? text[..40] + "…" : text;
                    examples[path] = text.Length == 0 ? "（空文字）" : $"`{text}`";
                    break;
            }
        }
        Walk("", DataTree.FromObject(model));
        return examples;
    }

    /// <summary>The shipped sample's view model, calculated from the copy of the workbook embedded in this program.</summary>
    private static ReportModel? SampleModel()
    {
        using var embedded = typeof(FieldReference).Assembly.GetManifestResourceStream("sample.xlsx");
        if (embedded is null)
            return null;
        var path = Path.Combine(Path.GetTempPath(), "generator-sample-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            using (var file = File.Create(path))
                embedded.CopyTo(file);
            return ReportPipeline.Calculate(path, CalculationSettings.Default).Model;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
