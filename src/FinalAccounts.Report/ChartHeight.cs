using System.ComponentModel;
using DocumentFormat.OpenXml.Packaging;
using DocxTemplating;
using DocumentFormat.OpenXml.Wordprocessing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace FinalAccounts.Report;

/// <summary>
/// How tall a chart is drawn: so that the chart and its caption take at most a quarter of the page's
/// body. Wherever the text before them leaves a quarter of a page, they fit beneath it; where it leaves
/// less, the page they move away from is already three quarters full — never a page ending short
/// because a chart did not fit. Computed from the template's page size, margins and caption style, so
/// a template with other pages gets charts to match; never taller than <see cref="Largest"/>.
/// </summary>
public static class ChartHeight
{
    public const long Largest = 1_980_000;   // EMU: 5.5 cm
    private const long Smallest = 1_080_000; // EMU: 3 cm, below which a chart is no longer read
    private const long EmuPerTwip = 635;

    /// <summary>A finisher: every chart of the filled report drawn at the height its page allows, its pie labels placed for that size.</summary>
    [Description("图表高度")]
    public static void Apply(WordprocessingDocument document)
    {
        var main = document.MainDocumentPart!;
        var body = main.Document.Body!;
        var charts = FilledBody.Descendants<DW.Inline>(body);
        if (charts.Count == 0)
            return;
        var sections = Sections(body);
        var caption = CaptionTwips(ReportStyles.Of(main));
        foreach (var inline in charts)
        {
            if (inline.Extent is not { } extent || inline.Descendants<C.ChartReference>().FirstOrDefault()?.Id?.Value is not { } id
                || main.GetPartById(id) is not ChartPart chart)
                continue;
            var top = inline.Ancestors().FirstOrDefault(a => a.Parent == body) ?? inline;
            var height = Of(sections.GetValueOrDefault(top) ?? body.GetFirstChild<SectionProperties>(), caption);
            extent.Cy = height;
            // A chart the report made is written once rendering is done, for this size; one of the template's is changed and written here.
            if (ChartBuilder.Draft(chart) is { } draft)
                draft.Size = (extent.Cx!.Value, height);
            else if (PieLabels.Place(chart.ChartSpace, extent.Cx!.Value, height))
                chart.ChartSpace.Save();
        }
    }

    /// <summary>
    /// The section each body element is in: the first section break after it, else none (the body's
    /// last section). One walk, not one per chart; forward, because the SDK finds an element's previous
    /// sibling by walking from the first (stepping back through the body was quadratic in its length).
    /// </summary>
    private static Dictionary<DocumentFormat.OpenXml.OpenXmlElement, SectionProperties?> Sections(Body body)
    {
        var sections = new Dictionary<DocumentFormat.OpenXml.OpenXmlElement, SectionProperties?>();
        var waiting = new List<DocumentFormat.OpenXml.OpenXmlElement>();
        for (var element = body.FirstChild; element is not null; element = element.NextSibling())
        {
            waiting.Add(element);
            if (element is Paragraph { ParagraphProperties.SectionProperties: { } own })
            {
                // This break ends the section of everything before it since the last break; it is itself in the next one.
                waiting.RemoveAt(waiting.Count - 1);
                foreach (var before in waiting)
                    sections[before] = own;
                waiting.Clear();
                waiting.Add(element);
            }
        }
        foreach (var rest in waiting)
            sections[rest] = null;
        return sections;
    }

    private static long Of(SectionProperties? section, long captionTwips)
    {
        // Read as written, not through the SDK's typed values: a size with a unit ("29.7cm", which the schema allows)
        // would make those throw. Such a page gets the largest chart, as a page without a size does.
        var page = Twips(section?.GetFirstChild<PageSize>()?.Height?.InnerText, -1);
        var margin = section?.GetFirstChild<PageMargin>();
        var top = Twips(margin?.Top?.InnerText ?? "0", long.MinValue);
        var bottom = Twips(margin?.Bottom?.InnerText ?? "0", long.MinValue);
        if (page < 0 || margin is null || top == long.MinValue || bottom == long.MinValue)
            return Largest;
        var body = page - Math.Abs(top) - Math.Abs(bottom);
        var height = (body / 4 - captionTwips) * EmuPerTwip;
        return Math.Clamp(height, Smallest, Largest);
    }

    /// <summary>The caption's one line and the space around it, from the Caption style's chain (else the document's defaults).</summary>
    private static long CaptionTwips(Styles? styles)
    {
        string? line = null, before = null, after = null;
        foreach (var style in new StyleChains(styles).Of("Caption"))
        {
            var spacing = style.StyleParagraphProperties?.SpacingBetweenLines;
            line ??= spacing?.Line?.Value;
            before ??= spacing?.Before?.Value;
            after ??= spacing?.After?.Value;
        }
        var defaults = styles?.DocDefaults?.ParagraphPropertiesDefault?.ParagraphPropertiesBaseStyle?.SpacingBetweenLines;
        line ??= defaults?.Line?.Value;
        return Twips(line, 360) + Twips(before ?? defaults?.Before?.Value, 0) + Twips(after ?? defaults?.After?.Value, 0);
    }

    private static long Twips(string? value, long fallback) => long.TryParse(value, out var twips) ? twips : fallback;
}
