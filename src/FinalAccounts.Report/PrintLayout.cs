using System.ComponentModel;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;

namespace FinalAccounts.Report;

/// <summary>
/// After filling: the template's own tables (the 项目支出绩效自评表) get column widths from what
/// they now hold (<see cref="TableFitting"/>), and each table wider than the portrait text — a
/// 附表 of more than <see cref="PublicTableBuilder.PortraitColumns"/> columns — gets a landscape page.
/// </summary>
public static class PrintLayout
{
    [Description("表格列宽与附表横向页")]
    public static void Apply(WordprocessingDocument document)
    {
        var main = document.MainDocumentPart!;
        var body = main.Document.Body!;
        var sizes = new FontSizes(ReportStyles.Of(main));
        var styles = new StyleChains(ReportStyles.Of(main));
        // Whether the body has no section break yet: asked by the first landscape table only, known after it.
        bool? firstSection = null;
        foreach (var table in body.Elements<Table>().ToList())
        {
            // The 附表 are written unparsed (PublicTableBuilder); their text is read without parsing them,
            // and a template's own table is never serialised just to learn that it is not one.
            if (PublicTableBuilder.IsPublicTable(table))
            {
                if (table.OuterXml.Contains($"<w:tblW w:w=\"{PublicTableBuilder.LandscapeWidth}\"", StringComparison.Ordinal))
                    Landscape(body, table, styles, ref firstSection);
            }
            else if (table.Annotation<Fitted>() is null)
                FitTemplateTable(table, sizes);
        }
    }

    /// <summary>
    /// A template table's column widths from what it holds, as soon as the template has filled it (a table step,
    /// <see cref="DocxTemplating.TemplateOptions.TableSteps"/>): its rows filled as text are then written once, with their
    /// widths. <see cref="Apply"/> leaves a table fitted here as it is.
    /// </summary>
    [Description("表格列宽")]
    public static void FitTable(Table table, MainDocumentPart main)
    {
        table.AddAnnotation(Fitted.Mark);   // first: a table this step fails on is reported once, not again by Apply
        FitTemplateTable(table, new FontSizes(ReportStyles.Of(main)));
    }

    private sealed class Fitted
    {
        public static readonly Fitted Mark = new();
    }

    private static void FitTemplateTable(Table table, FontSizes sizes)
    {
        var grid = table.GetFirstChild<TableGrid>()?.Elements<GridColumn>().ToList() ?? [];
        if (grid.Count == 0 || grid.Any(g => g.Width?.Value is null))
            return;
        var margins = table.GetFirstChild<TableProperties>()?.TableCellMarginDefault is { } m
            ? (int)((m.TableCellLeftMargin?.Width?.Value ?? 108) + (m.TableCellRightMargin?.Width?.Value ?? 108))
            : 216;
        // A width written with a unit ("2.5cm", which the schema allows) is left to Word: the table keeps its grid.
        var widths = new int[grid.Count];
        for (var c = 0; c < grid.Count; c++)
            if (!int.TryParse(grid[c].Width!.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out widths[c]))
                return;
        var needed = new int[widths.Length];
        var rows = table.Elements<TableRow>().ToList();
        var runSizes = new Dictionary<Paragraph, double?>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows)
        {
            var column = 0;
            foreach (var (properties, paragraphs) in CellsOf(row, runSizes))
            {
                var span = properties?.GridSpan?.Val?.Value ?? 1;
                if (span == 1 && column < widths.Length)
                    foreach (var (paragraph, text, runSize) in paragraphs)
                        if (text.Length > 0)   // an empty paragraph needs nothing, whatever its size
                            needed[column] = Math.Max(needed[column], TableFitting.NeededFor(text, sizes.Of(paragraph, runSize), margins));
                column += span;
            }
        }
        var fitted = TableFitting.Fit(widths, needed);
        if (fitted.SequenceEqual(widths))
            return;
        for (var c = 0; c < grid.Count; c++)
            grid[c].Width = fitted[c].ToString(CultureInfo.InvariantCulture);
        // A cell's own width would override the grid in Word: it follows the grid. A row filled as text is made again with them.
        foreach (var row in rows)
        {
            var filled = FilledRow.Of(row);
            var (column, index, changed) = (0, 0, false);
            foreach (var (properties, _) in CellsOf(row, runSizes))
            {
                var span = properties?.GridSpan?.Val?.Value ?? 1;
                if (properties?.TableCellWidth is { } width && column + span <= fitted.Length)
                {
                    var twips = fitted.Skip(column).Take(span).Sum();
                    if (filled is not null)
                        changed |= filled.SetWidth(index, twips);
                    else
                    {
                        width.Width = twips.ToString(CultureInfo.InvariantCulture);
                        width.Type = TableWidthUnitValues.Dxa;
                    }
                }
                column += span;
                index++;
            }
            if (changed)
                table.ReplaceChild(filled!.Rebuild(), row);
        }
    }

    /// <summary>
    /// A row's cells as fitting reads them: each cell's properties (span, width) and its paragraphs with their text (trimmed)
    /// and the size their first sized run sets. A row filled as text (<see cref="FilledRow"/>) answers from its facts, unparsed:
    /// its properties are its template cell's, and a template paragraph's run size, the same in every row, is asked once.
    /// </summary>
    private static IEnumerable<(TableCellProperties? Properties, IEnumerable<(Paragraph Paragraph, string Text, double? RunSize)> Paragraphs)> CellsOf(
        TableRow row, Dictionary<Paragraph, double?> runSizes)
    {
        if (FilledRow.Of(row) is { } filled)
            return filled.Cells.Select(cell => (LeadingProperties.Of(cell.Template), cell.Paragraphs.Select(p =>
            {
                if (!runSizes.TryGetValue(p.Template, out var runSize))
                    runSizes[p.Template] = runSize = TextAndFirstRunSize(p.Template).RunSize;
                return (p.Template, p.Text.Trim(), runSize);
            })));
        return row.Elements<TableCell>().Select(cell => (LeadingProperties.Of(cell), cell.Elements<Paragraph>().Select(p =>
        {
            var (text, runSize) = TextAndFirstRunSize(p);
            return (p, text, runSize);
        })));
    }

    /// <summary>
    /// A paragraph's text as Word shows it in the cell (all its texts, trimmed: <see cref="OpenXmlElement.InnerText"/>)
    /// and the size its first sized run sets, in one walk of the paragraph instead of one for each.
    /// </summary>
    private static (string Text, double? RunSize) TextAndFirstRunSize(Paragraph paragraph)
    {
        System.Text.StringBuilder? text = null;
        string? single = null;
        double? size = null;
        var node = paragraph.FirstChild;
        while (node is not null)
        {
            if (node is OpenXmlLeafTextElement leaf)
            {
                if (single is null && text is null)
                    single = leaf.Text;
                else
                    (text ??= new System.Text.StringBuilder(single)).Append(leaf.Text);
            }
            else if (size is null && node is Run run)
                size = FontSizes.Points(LeadingProperties.Of(run)?.FontSize?.Val?.Value);
            if (node is not (RunProperties or ParagraphProperties) && node.HasChildren)
            {
                node = node.FirstChild;
                continue;
            }
            node = ElementWalk.NextAfter(node, paragraph);
        }
        return ((text?.ToString() ?? single ?? "").Trim(), size);
    }

    /// <summary>
    /// The page block holding the table (from the paragraph that starts its page to the one before the
    /// next page start) becomes a landscape section: a section break before it and one after it. The
    /// first section keeps the document's own properties (a cover without footer, numbering from 1);
    /// the others continue the page numbers.
    /// </summary>
    private static void Landscape(Body body, Table table, StyleChains styles, ref bool? noSectionBreakYet)
    {
        var last = body.GetFirstChild<SectionProperties>();
        if (last?.GetFirstChild<PageSize>() is not { Width: not null, Height: not null } || last.GetFirstChild<PageMargin>() is null)
            return;
        var first = table.ElementsBefore().Reverse().OfType<Paragraph>().FirstOrDefault(p => StartsPage(p, styles));
        var next = table.ElementsAfter().OfType<Paragraph>().FirstOrDefault(p => StartsPage(p, styles) || p.ParagraphProperties?.SectionProperties is not null);
        if (first is null || first.PreviousSibling() is null)
            return;
        var firstSection = noSectionBreakYet ??= !body.Elements<Paragraph>().Any(HasSectionBreak);
        // Past this point a section break is in the body: inserted below, or there already.
        noSectionBreakYet = false;
        var original = (SectionProperties)last.CloneNode(true);
        // Ends the portrait section before the block (unless a landscape block just ended there).
        if (first.PreviousSibling<Paragraph>()?.ParagraphProperties?.SectionProperties is null)
            first.InsertBeforeSelf(SectionBreak(firstSection ? original : Section(original, landscape: false)));
        if (next is not null)
        {
            next.InsertBeforeSelf(SectionBreak(Section(original, landscape: true)));
            if (firstSection)
                last.Parent!.ReplaceChild(Section(original, landscape: false, type: false), last);
        }
        else
            last.Parent!.ReplaceChild(Section(original, landscape: true, type: false), last);
    }

    /// <summary>A paragraph that ends a section: its properties hold the section's (last, as the schema orders them).</summary>
    private static bool HasSectionBreak(Paragraph paragraph) =>
        LeadingProperties.Of(paragraph) is { } properties && (properties.LastChild is SectionProperties || properties.GetFirstChild<SectionProperties>() is not null);

    private static bool StartsPage(Paragraph paragraph, StyleChains styles)
    {
        if (paragraph.ParagraphProperties?.PageBreakBefore is { } own)
            return own.Val?.Value ?? true;
        foreach (var style in styles.Of(paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value))
            if (style.StyleParagraphProperties?.PageBreakBefore is { } inherited)
                return inherited.Val?.Value ?? true;
        return false;
    }

    /// <summary>A copy of the document's section (its footers), portrait or turned, continuing the page numbers.</summary>
    private static SectionProperties Section(SectionProperties portrait, bool landscape, bool type = true)
    {
        var section = (SectionProperties)portrait.CloneNode(true);
        section.RemoveAllChildren<TitlePage>();
        section.GetFirstChild<PageNumberType>()?.Remove();
        section.RemoveAllChildren<HeaderReference>();
        foreach (var first in section.Elements<FooterReference>().Where(f => f.Type?.Value == HeaderFooterValues.First).ToList())
            first.Remove();
        if (landscape)
        {
            var size = section.GetFirstChild<PageSize>()!;
            (size.Width, size.Height) = (size.Height, size.Width);
            size.Orient = PageOrientationValues.Landscape;
            // Turned a quarter: the binding edge (left) becomes the top.
            var m = section.GetFirstChild<PageMargin>()!;
            (m.Top, m.Right, m.Bottom, m.Left) = ((int)m.Left!.Value, (uint)m.Top!.Value, (int)m.Right!.Value, (uint)m.Bottom!.Value);
        }
        // Schema order: header and footer references, then the section type.
        if (type)
            section.InsertBefore(new SectionType { Val = SectionMarkValues.NextPage }, section.GetFirstChild<PageSize>());
        return section;
    }

    private static Paragraph SectionBreak(SectionProperties section) =>
        new(new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = "20", LineRule = LineSpacingRuleValues.Exact }, section));

    /// <summary>A paragraph's font size in points: its runs', else its style chain's, else the document default.</summary>
    private sealed class FontSizes(Styles? styles)
    {
        private readonly StyleChains chains = new(styles);
        private readonly double fallback = Points(styles?.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.FontSize?.Val?.Value) ?? 10.5;

        private readonly Dictionary<string, double> ofStyle = new(StringComparer.Ordinal);

        /// <param name="run">The size the paragraph's first sized run sets, if any.</param>
        public double Of(Paragraph paragraph, double? run)
        {
            run ??= Points(LeadingProperties.Of(paragraph)?.ParagraphMarkRunProperties?.GetFirstChild<FontSize>()?.Val?.Value);
            if (run is { } points)
                return points;
            // Every cell of a filled table asks again for the few styles its rows were cloned from.
            var styleId = LeadingProperties.StyleId(paragraph) ?? "Normal";
            if (!ofStyle.TryGetValue(styleId, out var ofItsStyle))
                ofStyle[styleId] = ofItsStyle = OfStyle(styleId);
            return ofItsStyle;
        }

        private double OfStyle(string styleId)
        {
            foreach (var style in chains.Of(styleId))
                if (Points(style.StyleRunProperties?.FontSize?.Val?.Value) is { } size)
                    return size;
            return fallback;
        }

        /// <summary>
        /// A w:sz value in points: half-points as Word writes them ("21"), or a measure with its unit ("10.5pt",
        /// "0.5cm"), which the schema allows as well; anything else counts as not given, never an exception.
        /// </summary>
        public static double? Points(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
                return null;
            var text = value.Trim();
            var (unit, perUnit) = text.Length > 2 ? text[^2..] switch
            {
                "pt" => (2, 1.0),
                "pc" or "pi" => (2, 12.0),
                "in" => (2, 72.0),
                "cm" => (2, 72 / 2.54),
                "mm" => (2, 72 / 25.4),
                _ => (0, 0.5),
            } : (0, 0.5);
            return double.TryParse(text.AsSpan(0, text.Length - unit), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                   && number > 0 && double.IsFinite(number) ? number * perUnit : null;
        }
    }
}
