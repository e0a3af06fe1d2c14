using System.Collections;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;
using FinalAccounts.Model;

namespace FinalAccounts.Report;

/// <summary>
/// {{text "名称"}}: a named text of the 文字 sheet as Word paragraphs in the style of the tag's paragraph.
/// Outline lines take the template's text-heading styles (文字标题1–3 for 一、 （一） 1., 文字分项 for （1）)
/// when it has them; without them a heading is set in bold and a sub-item indented, in the tag's style.
/// </summary>
public static class NamedTextBuilder
{
    /// <summary>Paragraph style ids for outline levels 1–4 (see docs/模板编写.md).</summary>
    public static readonly IReadOnlyList<string> LevelStyles = ["TextHeading1", "TextHeading2", "TextHeading3", "TextItem"];

    private static readonly ArgumentShape TextShape = ArgumentShape.Object(("name", ArgumentShape.Value),
        ("paragraphs", ArgumentShape.ListOf(ArgumentShape.Object(("text", ArgumentShape.Value), ("level", ArgumentShape.Value)))));

    public static ElementHelperModule Module { get; } = new(ArgumentShape.ListOf(TextShape),
        "“文字”表中的一段文字：{{text \"名称\"}}（项目循环中为该项目的文字；也可写 {{text texts \"名称\"}}）", Build)
    {
        DefaultArgument = "texts",
        NeedsLabel = true,
    };

    public static IEnumerable<OpenXmlElement> Build(object? argument, string? label, RenderServices services)
    {
        var text = Named(argument, label, "文字");
        var styles = ReportStyles.Of(services.MainPart)?.Elements<Style>().Select(s => s.StyleId?.Value).OfType<string>().ToHashSet() ?? [];
        foreach (var item in text.Field("paragraphs") as IEnumerable ?? Array.Empty<object>())
        {
            var paragraph = item as IDictionary<string, object?> ?? throw new ElementArgumentException("文字的某一段不是含 text 的对象。");
            var level = Convert.ToInt32(paragraph.Field("level") ?? 0, System.Globalization.CultureInfo.InvariantCulture);
            yield return Paragraph(paragraph.Field("text") as string ?? "", level, services.TagParagraph, styles);
        }
    }

    /// <summary>The item of a named list (texts, userTables) with this name; the calculation adds a placeholder item for every name the template uses.</summary>
    internal static IDictionary<string, object?> Named(object? argument, string? label, string what)
    {
        var list = argument as IEnumerable ?? throw new ElementArgumentException($"参数不是{what}列表。");
        var key = LabelText.Key(label ?? "");
        return list.Cast<object?>().OfType<IDictionary<string, object?>>().FirstOrDefault(t => LabelText.Key(t.Field("name") as string ?? "") == key)
            ?? throw new ElementArgumentException($"数据中没有名为“{label}”的{what}。");
    }

    /// <summary>One line as a paragraph in the tag's style (or the level's style), its text in one run.</summary>
    public static Paragraph Paragraph(string text, int level, ParagraphProperties? tag, ISet<string> styles)
    {
        var properties = tag?.CloneNode(true) as ParagraphProperties ?? new ParagraphProperties();
        var runProperties = new RunProperties();
        if (level is >= 1 and <= 4 && styles.Contains(LevelStyles[level - 1]))
        {
            properties.ParagraphStyleId = new ParagraphStyleId { Val = LevelStyles[level - 1] };
        }
        else if (level is 1 or 2)
            runProperties.Bold = new Bold();
        else if (level == 4)
            properties.Indentation = new Indentation { LeftChars = 200, Left = "640" };
        properties.RemoveAllChildren<NumberingProperties>();   // a tag paragraph's list numbering is not the text's
        var run = new Run();
        if (runProperties.HasChildren)
            run.Append(runProperties);
        run.Append(new Text(XmlText.Holdable(text)) { Space = SpaceProcessingModeValues.Preserve });
        return new Paragraph(properties, run);
    }
}
