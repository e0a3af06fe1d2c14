using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using A = DocumentFormat.OpenXml.Drawing;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// What a .docx looks like, as reviewable text: each paragraph's effective formatting (document
/// defaults, then its style chain, then its own properties — what the reader sees, wherever the
/// template set it), its runs' fonts with identical neighbours collapsed, consecutive paragraphs of
/// the same look as one line "×N"; tables with column widths, borders and header rows; sections with
/// page size, orientation and margins; charts with type, series, colours and axis bounds. Headings
/// (paragraphs with an outline level) print their text, so a change can be placed. No other text:
/// a wording change leaves this description alone.
/// </summary>
public static class LayoutDescription
{
    public static string Of(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = document.MainDocumentPart!;
        var writer = new Writer(new Styles(main.StyleDefinitionsPart?.Styles), main);
        writer.Container(main.Document.Body!);
        writer.Flush();
        var headers = main.HeaderParts.Select(h => ("页眉", (OpenXmlElement)h.Header)).Concat(main.FooterParts.Select(f => ("页脚", (OpenXmlElement)f.Footer)));
        foreach (var (kind, root) in headers.OrderBy(h => h.Item1, StringComparer.Ordinal).ThenBy(h => DocxText.ParagraphString(h.Item2.Descendants<Paragraph>().FirstOrDefault() ?? new Paragraph()), StringComparer.Ordinal))
        {
            writer.Line($"[{kind}]");
            writer.Container(root);
            writer.Flush();
        }
        return writer.ToString();
    }

    private sealed class Writer(Styles styles, MainDocumentPart main)
    {
        private readonly StringBuilder text = new();
        private string? pending;
        private int count;

        public void Line(string line)
        {
            Flush();
            text.Append(line).Append('\n');
        }

        /// <summary>A paragraph's look; the same look again only counts up.</summary>
        private void Repeatable(string line)
        {
            if (line == pending)
            {
                count++;
                return;
            }
            Flush();
            (pending, count) = (line, 1);
        }

        public void Flush()
        {
            if (pending is not null)
                text.Append(count > 1 ? $"×{count} " : "").Append(pending).Append('\n');
            pending = null;
        }

        public void Container(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
                switch (child)
                {
                    case Paragraph p:
                        Paragraph(p);
                        break;
                    case Table t:
                        Table(t);
                        break;
                    case SectionProperties s:
                        Line(Section(s));
                        break;
                    case SdtBlock sdt when sdt.SdtContentBlock is { } content:
                        Container(content);
                        break;
                }
        }

        private void Paragraph(Paragraph p)
        {
            var look = styles.Paragraph(p);
            if (p.Descendants<Break>().Any(b => b.Type?.Value == BreakValues.Page))
                look += " · page break";
            var outline = styles.OutlineLevel(p);
            if (outline is not null)
                Line($"{look} « {Head(DocxText.ParagraphString(p))} »");
            else
                Repeatable(look);
            foreach (var chart in p.Descendants<Wp.Inline>().Concat<OpenXmlElement>(p.Descendants<Wp.Anchor>()))
                Line(Drawing(chart));
            if (p.ParagraphProperties?.SectionProperties is { } section)
                Line(Section(section));
        }

        private void Table(Table t)
        {
            var properties = t.GetFirstChild<TableProperties>();
            var grid = t.GetFirstChild<TableGrid>()?.Elements<GridColumn>().Select(c => Mm(c.Width?.Value is { } w ? double.Parse(w, CultureInfo.InvariantCulture) : null)).ToList() ?? [];
            var rows = t.Elements<TableRow>().ToList();
            var header = rows.TakeWhile(r => r.TableRowProperties?.GetFirstChild<TableHeader>() is not null).Count();
            var borders = properties?.TableBorders is { } b
                ? string.Join(" ", b.ChildElements.Select(e => $"{e.LocalName}={Attribute(e, "val")}/{Attribute(e, "sz")}"))
                : "none set";
            var style = properties?.TableStyle?.Val?.Value;
            Line($"table{(style is null ? "" : " " + style)} · {rows.Count} rows, header rows {header} · columns {string.Join(" | ", grid)} mm" +
                 $" · layout {properties?.TableLayout?.Type?.Value.ToString() ?? "auto"} · borders {borders}");
            // Cell paragraphs by look, in order of first appearance: a table is one block, not a line per cell.
            var looks = t.Descendants<Paragraph>().Select(styles.Paragraph).GroupBy(l => l).Select(g => $"  ×{g.Count()} {g.Key}");
            foreach (var look in looks)
                Line(look);
            var cellBorders = t.Descendants<TableCellBorders>().Select(c => string.Join(" ", c.ChildElements.Select(e => $"{e.LocalName}={Attribute(e, "val")}"))).Distinct().ToList();
            if (cellBorders.Count > 0)
                Line("  cell borders: " + string.Join("; ", cellBorders));
        }

        private static string Section(SectionProperties s)
        {
            var size = s.GetFirstChild<PageSize>();
            var margin = s.GetFirstChild<PageMargin>();
            var (w, h) = (size?.Width?.Value ?? 0, size?.Height?.Value ?? 0);
            var orientation = w > h ? "landscape" : "portrait";
            var start = s.GetFirstChild<SectionType>() is { } type ? Attribute(type, "val") : "nextPage";
            var numbers = s.GetFirstChild<PageNumberType>() is { } n ? $" · page numbers {n.Format?.Value.ToString() ?? "decimal"} from {n.Start?.Value.ToString() ?? "previous"}" : "";
            return $"section ({start}) · {Mm(w)}×{Mm(h)} mm {orientation} · margins top {Mm(margin?.Top?.Value)} bottom {Mm(margin?.Bottom?.Value)}" +
                   $" left {Mm(margin?.Left?.Value)} right {Mm(margin?.Right?.Value)} header {Mm(margin?.Header?.Value)} footer {Mm(margin?.Footer?.Value)} mm" +
                   $"{numbers}{(s.GetFirstChild<TitlePage>() is null ? "" : " · first page own footer")}";
        }

        private string Drawing(OpenXmlElement drawing)
        {
            var extent = drawing.GetFirstChild<Wp.Extent>();
            var size = $"{Cm(extent?.Cx?.Value)}×{Cm(extent?.Cy?.Value)} cm";
            var chartRef = drawing.Descendants<C.ChartReference>().FirstOrDefault();
            if (chartRef?.Id?.Value is not { } id || main.GetPartById(id) is not ChartPart part)
                return $"  picture {size}";
            var plot = part.ChartSpace.Descendants<C.PlotArea>().First();
            var line = new StringBuilder($"  chart {size}");
            foreach (var chart in plot.ChildElements.Where(e => e.LocalName.EndsWith("Chart", StringComparison.Ordinal)))
            {
                var direction = chart.GetFirstChild<C.BarDirection>()?.Val?.Value.ToString();
                line.Append($" · {chart.LocalName}{(direction is null ? "" : " " + direction)}");
                foreach (var series in chart.ChildElements.Where(e => e.LocalName == "ser"))
                {
                    var name = series.GetFirstChild<C.SeriesText>()?.Descendants<C.NumericValue>().FirstOrDefault()?.Text ?? "";
                    var fill = Colour(series.GetFirstChild<C.ChartShapeProperties>());
                    var points = series.Elements<C.DataPoint>().Select(d => Colour(d.GetFirstChild<C.ChartShapeProperties>()));
                    var labels = series.GetFirstChild<C.DataLabels>() is { } l
                        ? $" labels {string.Join("+", new[] { ("value", l.GetFirstChild<C.ShowValue>()?.Val?.Value), ("percent", l.GetFirstChild<C.ShowPercent>()?.Val?.Value), ("category", l.GetFirstChild<C.ShowCategoryName>()?.Val?.Value) }.Where(x => x.Item2 == true).Select(x => x.Item1))}"
                        : "";
                    line.Append($" · series “{name}” fill {fill} points {string.Join(",", points)}{labels}");
                }
            }
            foreach (var axis in plot.Elements<C.ValueAxis>())
            {
                var scaling = axis.Scaling;
                line.Append($" · value axis {Number(scaling?.MinAxisValue?.Val?.Value) ?? "auto"}…{Number(scaling?.MaxAxisValue?.Val?.Value) ?? "auto"}");
            }
            if (part.ChartSpace.Descendants<C.Legend>().FirstOrDefault()?.LegendPosition?.Val?.Value is { } legend)
                line.Append($" · legend {legend}");
            return line.ToString();
        }

        private static string Colour(OpenXmlElement? shape) =>
            shape?.Descendants<A.RgbColorModelHex>().FirstOrDefault()?.Val?.Value is { } hex ? "#" + hex : "auto";

        public override string ToString() => text.ToString();
    }

    private static string Head(string text) => text.Length > 24 ? text[..24] + "…" : text;

    private static string? Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Mm(double? twips) => twips is null ? "?" : (twips.Value * 25.4 / 1440).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Cm(long? emu) => emu is null ? "?" : (emu.Value / 360000.0).ToString("0.##", CultureInfo.InvariantCulture);

    internal static string? Attribute(OpenXmlElement element, string name) =>
        element.GetAttributes().FirstOrDefault(a => a.LocalName == name).Value;

    /// <summary>
    /// Effective properties: document defaults, then the style chain (base first), then direct
    /// formatting; attributes of rFonts, spacing and ind merge one by one, as Word merges them.
    /// </summary>
    private sealed class Styles
    {
        private static readonly HashSet<string> ParagraphKeys = ["jc", "spacing", "ind", "keepNext", "keepLines", "pageBreakBefore", "outlineLvl", "tabs", "numPr", "shd"];
        private static readonly HashSet<string> RunKeys = ["rFonts", "sz", "b", "i", "u", "color", "highlight", "shd", "vertAlign", "strike"];
        private readonly Dictionary<string, Style> byId;
        private readonly OpenXmlElement? defaultParagraph, defaultRun;
        private readonly string? defaultParagraphStyle, defaultCharacterStyle;

        public Styles(DocumentFormat.OpenXml.Wordprocessing.Styles? styles)
        {
            byId = styles?.Elements<Style>().Where(s => s.StyleId?.Value is not null).GroupBy(s => s.StyleId!.Value!).ToDictionary(g => g.Key, g => g.First()) ?? [];
            defaultParagraph = styles?.DocDefaults?.ParagraphPropertiesDefault?.ParagraphPropertiesBaseStyle;
            defaultRun = styles?.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle;
            defaultParagraphStyle = styles?.Elements<Style>().FirstOrDefault(s => s.Type?.Value == StyleValues.Paragraph && s.Default?.Value == true)?.StyleId?.Value;
            defaultCharacterStyle = styles?.Elements<Style>().FirstOrDefault(s => s.Type?.Value == StyleValues.Character && s.Default?.Value == true)?.StyleId?.Value;
        }

        private IEnumerable<Style> Chain(string? id)
        {
            var chain = new List<Style>();
            for (var depth = 0; id is not null && byId.TryGetValue(id, out var style) && depth < 20; depth++, id = style.BasedOn?.Val?.Value)
                chain.Add(style);
            chain.Reverse();
            return chain;
        }

        private string ParagraphStyleId(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? defaultParagraphStyle ?? "";

        public string? OutlineLevel(Paragraph p) =>
            Merge(ParagraphLayers(p), ParagraphKeys).TryGetValue("outlineLvl", out var level) ? level.GetValueOrDefault("val") : null;

        private IEnumerable<OpenXmlElement?> ParagraphLayers(Paragraph p) =>
            Chain(ParagraphStyleId(p)).Select(s => (OpenXmlElement?)s.StyleParagraphProperties).Prepend(defaultParagraph).Append(p.ParagraphProperties);

        /// <summary>"Normal | justify · line 28pt exact · first line 2 chars | 仿宋_GB2312/Times New Roman 16pt + 黑体 16pt b".</summary>
        public string Paragraph(Paragraph p)
        {
            var styleId = ParagraphStyleId(p);
            var properties = Merge(ParagraphLayers(p), ParagraphKeys);
            var paragraphRun = Chain(styleId).Select(s => (OpenXmlElement?)s.StyleRunProperties).Prepend(defaultRun).ToList();
            var runs = new List<string>();
            foreach (var run in p.Descendants<Run>().Where(r => r.Ancestors<Paragraph>().First() == p))
            {
                if (!run.ChildElements.Any(e => e is Text or TabChar or Drawing or Break or FieldChar))
                    continue;
                var characterStyle = run.RunProperties?.RunStyle?.Val?.Value ?? defaultCharacterStyle;
                var layers = paragraphRun.Concat(Chain(characterStyle).Select(s => (OpenXmlElement?)s.StyleRunProperties)).Append(run.RunProperties);
                var look = RunLook(Merge(layers, RunKeys)) + (characterStyle is not null && characterStyle != defaultCharacterStyle ? $" [{characterStyle}]" : "");
                if (runs.Count == 0 || runs[^1] != look)
                    runs.Add(look);
            }
            var name = byId.TryGetValue(styleId, out var style) ? style.StyleName?.Val?.Value ?? styleId : styleId;
            return $"{name} | {ParagraphLook(properties)} | {(runs.Count == 0 ? "empty " + RunLook(Merge(paragraphRun, RunKeys)) : string.Join(" + ", runs))}";
        }

        private static Dictionary<string, Dictionary<string, string>> Merge(IEnumerable<OpenXmlElement?> layers, HashSet<string> keys)
        {
            var merged = new Dictionary<string, Dictionary<string, string>>();
            foreach (var layer in layers)
                foreach (var property in layer?.ChildElements ?? Enumerable.Empty<OpenXmlElement>())
                {
                    if (!keys.Contains(property.LocalName))
                        continue;
                    var attributes = property.GetAttributes().ToDictionary(a => a.LocalName, a => a.Value ?? "");
                    if (property.LocalName is "rFonts" or "spacing" or "ind" && merged.TryGetValue(property.LocalName, out var earlier))
                        foreach (var (key, value) in attributes)
                            earlier[key] = value;
                    else
                        merged[property.LocalName] = property.LocalName == "tabs"
                            ? new Dictionary<string, string> { ["val"] = string.Join(",", property.ChildElements.Select(Tab)) }
                            : attributes;
                }
            return merged;
        }

        private static string Tab(OpenXmlElement tab)
        {
            var leader = Attribute(tab, "leader") is { } l && l != "none" ? "/" + l : "";
            return $"{Attribute(tab, "val")}{leader}@{Mm(double.Parse(Attribute(tab, "pos") ?? "0", CultureInfo.InvariantCulture))}mm";
        }

        private static bool On(Dictionary<string, Dictionary<string, string>> p, string key) =>
            p.TryGetValue(key, out var a) && a.GetValueOrDefault("val") is null or "1" or "true" or "on";

        private static string ParagraphLook(Dictionary<string, Dictionary<string, string>> p)
        {
            var parts = new List<string> { p.GetValueOrDefault("jc")?.GetValueOrDefault("val") ?? "left" };
            if (p.TryGetValue("spacing", out var spacing))
            {
                foreach (var side in new[] { "before", "after" })
                    if (spacing.TryGetValue(side + "Lines", out var lines) && lines != "0")
                        parts.Add($"{side} {Hundredths(lines)} lines");
                    else if (spacing.TryGetValue(side, out var points) && points != "0")
                        parts.Add($"{side} {Points(points, 20)}pt");
                if (spacing.TryGetValue("line", out var line))
                    parts.Add(spacing.GetValueOrDefault("lineRule") is "exact" or "atLeast"
                        ? $"line {Points(line, 20)}pt {spacing["lineRule"]}"
                        : $"line ×{double.Parse(line, CultureInfo.InvariantCulture) / 240:0.##}");
            }
            if (p.TryGetValue("ind", out var ind))
                foreach (var side in new[] { "left", "start", "right", "end", "firstLine", "hanging" })
                    if (ind.TryGetValue(side + "Chars", out var chars) && chars != "0")
                        parts.Add($"{side} {Hundredths(chars)} chars");
                    else if (ind.TryGetValue(side, out var twips) && twips != "0" && !(ind.TryGetValue(side + "Chars", out var zero) && zero == "0"))
                        parts.Add($"{side} {Points(twips, 20)}pt");
            foreach (var flag in new[] { "keepNext", "keepLines", "pageBreakBefore" })
                if (On(p, flag))
                    parts.Add(flag);
            if (p.TryGetValue("outlineLvl", out var outline))
                parts.Add($"outline {outline.GetValueOrDefault("val")}");
            if (p.TryGetValue("tabs", out var tabs))
                parts.Add($"tabs {tabs["val"]}");
            if (p.TryGetValue("numPr", out _))
                parts.Add("numbered");
            if (p.TryGetValue("shd", out var shd) && shd.GetValueOrDefault("fill") is { } fill && fill != "auto")
                parts.Add($"shading #{fill}");
            return string.Join(" · ", parts);
        }

        private static string RunLook(Dictionary<string, Dictionary<string, string>> r)
        {
            var fonts = r.GetValueOrDefault("rFonts") ?? [];
            var (eastAsia, ascii) = (fonts.GetValueOrDefault("eastAsia") ?? "?", fonts.GetValueOrDefault("ascii") ?? "?");
            var look = new StringBuilder(eastAsia == ascii ? eastAsia : $"{eastAsia}/{ascii}");
            look.Append(' ').Append(r.TryGetValue("sz", out var sz) ? Points(sz["val"], 2) : "10").Append("pt");
            foreach (var (key, mark) in new[] { ("b", "bold"), ("i", "italic"), ("strike", "strike") })
                if (On(r, key))
                    look.Append(' ').Append(mark);
            if (r.TryGetValue("u", out var u) && u.GetValueOrDefault("val") is { } underline && underline != "none")
                look.Append(" underline ").Append(underline);
            if (r.TryGetValue("color", out var color) && color.GetValueOrDefault("val") is { } c && c != "auto" && c != "000000")
                look.Append(" #").Append(c);
            if (r.TryGetValue("highlight", out var highlight))
                look.Append(" highlight ").Append(highlight.GetValueOrDefault("val"));
            if (r.TryGetValue("shd", out var shd) && shd.GetValueOrDefault("fill") is { } fill && fill != "auto")
                look.Append(" shading #").Append(fill);
            if (r.TryGetValue("vertAlign", out var vertical) && vertical.GetValueOrDefault("val") is { } v && v != "baseline")
                look.Append(' ').Append(v);
            return look.ToString();
        }

        private static string Points(string value, double per) => (double.Parse(value, CultureInfo.InvariantCulture) / per).ToString("0.##", CultureInfo.InvariantCulture);

        private static string Hundredths(string value) => Points(value, 100);
    }
}
