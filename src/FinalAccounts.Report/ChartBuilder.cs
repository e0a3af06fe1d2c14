using System.Collections;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocxTemplating;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Report;

/// <summary>
/// {{chart x}}: a native Word chart (bar for this year against last, pie for a structure) from a
/// chart of the view model. The data is embedded as a workbook so "Edit Data" works, and every
/// bar and slice has an explicit colour (LibreOffice draws no bars without one).
/// </summary>
public static class ChartBuilder
{
    private static readonly string[] Palette = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"];

    private const long Width = 5_400_000;   // EMU: 15 cm

    /// <summary>{{chart x}} reads x's kind (bar unless "pie") and its points, each a label and a value.</summary>
    public static ElementHelperModule Module { get; } = new(
        ArgumentShape.Object(("points", ArgumentShape.ListOf(ArgumentShape.Object(("label", ArgumentShape.Value), ("value", ArgumentShape.Value))))),
        "一个图表字段（含 points 列表，每项有 label 和 value），如 charts.totalChange", Build) { BodyOnly = true };

    public static IEnumerable<OpenXmlElement> Build(object? argument, string? label, RenderServices services)
    {
        var (kind, points) = Read(argument);
        // A chart without points would be an empty frame with a legend: it is left out, and the template's
        // title and note around it decide what the reader sees ({{#if charts.x.points}}).
        if (points.Count == 0)
            yield break;
        var series = label ?? "";   // the legend's words are the template's: {{chart charts.totalChange "收支总计"}}

        var part = services.MainPart.AddNewPart<ChartPart>();
        var workbook = part.AddEmbeddedPackagePart("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using (var data = new MemoryStream(EmbeddedWorkbook.Create(series, points.Select(p => (p.Label, p.Value)).ToList())))
            workbook.FeedData(data);
        // Written as text when rendering is done, after its size is known (ChartHeight places a pie's labels for it).
        var draft = new ChartDraft(kind, series, points, part.GetIdOfPart(workbook));
        Drafts.AddOrUpdate(part, draft);
        services.WriteWhenDone(part, draft.WriteTo);
        // A document that writes its parts when closed (AutoSave; the engine renders without it) may be closed without
        // SavePending by a caller building charts on a document of its own: the chart is written now as well, at the usual
        // size, never left an empty part Word refuses. SavePending writes it again for its drawn size.
        if (services.MainPart.OpenXmlPackage.AutoSave)
            using (var stream = part.GetStream(FileMode.Create, FileAccess.Write))
                draft.WriteTo(stream);

        var id = services.NextDrawingId();
        yield return new W.Paragraph(
            // Body text uses exact line spacing, which would clip a chart: its paragraph sizes to the chart.
            new W.ParagraphProperties(new W.KeepNext(), new W.SpacingBetweenLines { Line = "240", LineRule = W.LineSpacingRuleValues.Auto },
                new W.Indentation { FirstLine = "0", FirstLineChars = 0 }, new W.Justification { Val = W.JustificationValues.Center }),
            new W.Run(new W.Drawing(new DW.Inline(
                new DW.Extent { Cx = Width, Cy = ChartHeight.Largest },
                new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
                new DW.DocProperties { Id = id, Name = $"Chart {id}", Description = series },
                new DW.NonVisualGraphicFrameDrawingProperties(),
                new A.Graphic(new A.GraphicData(new C.ChartReference { Id = services.MainPart.GetIdOfPart(part) })
                    { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
            { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 })));
    }

    /// <summary>The argument as the chart needs it; data of another shape is the template's problem (TPL020 at the tag).</summary>
    internal sealed record DataPoint(string Label, decimal Value, string Percent);

    private static (string Kind, List<DataPoint> Points) Read(object? argument)
    {
        if (argument is not IDictionary<string, object?> chart)
            throw new ElementArgumentException(argument is null ? "参数是空值（这份数据中没有这一项）。" : $"参数不是图表（对象），而是“{argument}”。");
        var points = new List<DataPoint>();
        var number = 0;
        foreach (var item in chart.Field("points") as IEnumerable ?? Array.Empty<object>())
        {
            number++;
            if (item is not IDictionary<string, object?> point)
                throw new ElementArgumentException($"points 第{number}项不是含 label 和 value 的对象。");
            var value = point.Field("value") switch
            {
                decimal d => d,
                int or long or double => Convert.ToDecimal(point["value"], CultureInfo.InvariantCulture),
                string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
                var other => throw new ElementArgumentException($"points 第{number}项的 value“{other}”不是数字。"),
            };
            points.Add(new DataPoint(Convert.ToString(point.Field("label"), CultureInfo.InvariantCulture) ?? "", value,
                Convert.ToString(point.Field("percent"), CultureInfo.InvariantCulture) ?? ""));
        }
        return (chart.Field("kind") as string ?? "bar", points);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ChartPart, ChartDraft> Drafts = new();

    /// <summary>
    /// A chart this builder made in the report being rendered, not written yet: its size is still to be set (<see cref="ChartHeight"/>).
    /// Once written (<see cref="RenderServices.SavePending"/>) it is no draft: a size given it then would never be written,
    /// so a caller sizing its charts after writing them has the part changed as one of the template's charts is.
    /// </summary>
    internal static ChartDraft? Draft(ChartPart part) => RenderServices.WillWrite(part) && Drafts.TryGetValue(part, out var draft) ? draft : null;

    /// <summary>
    /// A chart's part as text, written once its size is known: the chart space Word and LibreOffice read (a bar for this year
    /// against last, a pie for a structure, each bar and slice coloured), with the data cached in it and referring to the
    /// embedded workbook. Built as text because a chart's element tree cost more to make and write than the rest of the chart.
    /// </summary>
    internal sealed class ChartDraft(string kind, string series, List<DataPoint> points, string workbookId)
    {
        private const string ChartNs = "http://schemas.openxmlformats.org/drawingml/2006/chart";
        private const string DrawingNs = "http://schemas.openxmlformats.org/drawingml/2006/main";
        private const string RelationshipNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

        /// <summary>The drawn size in EMU, once the page is known; until then a pie's labels keep their usual places.</summary>
        public (long Width, long Height)? Size { get; set; }

        private bool IsPie => kind == "pie";

        public void WriteTo(Stream stream)
        {
            var xml = new StringBuilder(4096);
            xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><c:chartSpace xmlns:a=\"").Append(DrawingNs).Append("\" xmlns:r=\"").Append(RelationshipNs)
                .Append("\" xmlns:c=\"").Append(ChartNs).Append("\"><c:lang val=\"zh-CN\" /><c:roundedCorners val=\"0\" /><c:chart><c:autoTitleDeleted val=\"1\" /><c:plotArea><c:layout />");
            if (IsPie)
            {
                xml.Append("<c:pieChart><c:varyColors val=\"1\" /><c:ser>");
                Series(xml, bar: false);
                xml.Append("</c:ser><c:firstSliceAng val=\"0\" /></c:pieChart>");
            }
            else
            {
                xml.Append("<c:barChart><c:barDir val=\"col\" /><c:grouping val=\"clustered\" /><c:varyColors val=\"1\" /><c:ser>");
                Series(xml, bar: true);
                xml.Append("</c:ser><c:gapWidth val=\"150\" /><c:axId val=\"1\" /><c:axId val=\"2\" /></c:barChart>");
                xml.Append(Axes);
            }
            xml.Append("</c:plotArea><c:legend><c:legendPos val=\"").Append(IsPie ? "r" : "b").Append("\" /><c:overlay val=\"0\" /></c:legend><c:plotVisOnly val=\"1\" /></c:chart>")
                // The relationship's id is the package's own (R and hex digits): nothing in it to escape.
                .Append("<c:externalData r:id=\"").Append(workbookId).Append("\"><c:autoUpdate val=\"0\" /></c:externalData></c:chartSpace>");
            // Encoded at once: a StreamWriter's own buffers were several times the size of a chart.
            stream.Write(Encoding.UTF8.GetBytes(xml.ToString()));
        }

        /// <summary>A series in schema order: name, fill, one coloured point per category, labels, then the categories and values.</summary>
        private void Series(StringBuilder xml, bool bar)
        {
            var last = points.Count + 1;
            xml.Append("<c:idx val=\"0\" /><c:order val=\"0\" /><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val=\"1\" /><c:pt idx=\"0\"><c:v>");
            XmlText.Append(xml, series);
            xml.Append("</c:v></c:pt></c:strCache></c:strRef></c:tx>");
            Fill(xml, Palette[0]);
            if (bar)
                xml.Append("<c:invertIfNegative val=\"0\" />");
            for (var i = 0; i < points.Count; i++)
            {
                xml.Append("<c:dPt><c:idx val=\"").Append(i).Append("\" />").Append(bar ? "<c:invertIfNegative val=\"0\" />" : "").Append("<c:bubble3D val=\"0\" />");
                Fill(xml, Palette[i % Palette.Length]);
                xml.Append("</c:dPt>");
            }
            if (bar)
                xml.Append("<c:dLbls><c:numFmt formatCode=\"0.00\" sourceLinked=\"0\" />").Append(ValueShown).Append("</c:dLbls>");
            else
                ShareLabels(xml);
            xml.Append("<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$").Append(last).Append("</c:f><c:strCache><c:ptCount val=\"").Append(points.Count).Append("\" />");
            for (var i = 0; i < points.Count; i++)
            {
                xml.Append("<c:pt idx=\"").Append(i).Append("\"><c:v>");
                XmlText.Append(xml, points[i].Label);
                xml.Append("</c:v></c:pt>");
            }
            xml.Append("</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$2:$B$").Append(last)
                .Append("</c:f><c:numCache><c:formatCode>0.00</c:formatCode><c:ptCount val=\"").Append(points.Count).Append("\" />");
            for (var i = 0; i < points.Count; i++)
                xml.Append("<c:pt idx=\"").Append(i).Append("\"><c:v>").Append(Number(points[i])).Append("</c:v></c:pt>");
            xml.Append("</c:numCache></c:numRef></c:val>");
        }

        /// <summary>
        /// A slice's label is its share, outside the pie on a leader line, so a thin slice's label has room; labels of thin
        /// neighbours are slid apart for the chart's size (<see cref="PieLabels"/>). The share is the text's ("6.61%", largest
        /// remainder), written as the label's own text: a share the chart computed itself could differ in the last digit
        /// (6.60%). Without one (a chart from other data) the chart's own percentage is shown.
        /// </summary>
        private void ShareLabels(StringBuilder xml)
        {
            var labelled = Enumerable.Range(0, points.Count).Where(i => points[i].Percent.Length > 0).ToList();
            var offsets = labelled.Count > 0 && Size is var (width, height)
                ? PieLabels.Offsets(points.Select(p => decimal.Parse(Number(p), NumberStyles.Number, CultureInfo.InvariantCulture)).ToList(),
                    points.Select(p => p.Percent.Length > 0 ? p.Percent + "%" : "").ToList(), width / PieLabels.EmuPerCm, height / PieLabels.EmuPerCm)
                : null;
            xml.Append("<c:dLbls>");
            foreach (var i in labelled)
            {
                xml.Append("<c:dLbl><c:idx val=\"").Append(i).Append("\" />");
                if (offsets?[i] is var (x, y) && (x, y) != (0, 0))
                    xml.Append("<c:layout><c:manualLayout><c:x val=\"").Append(System.Xml.XmlConvert.ToString(x)).Append("\" /><c:y val=\"")
                        .Append(System.Xml.XmlConvert.ToString(y)).Append("\" /></c:manualLayout></c:layout>");
                else
                    xml.Append("<c:layout />");
                xml.Append("<c:tx><c:rich><a:bodyPr /><a:lstStyle /><a:p><a:r><a:t>");
                XmlText.Append(xml, points[i].Percent + "%");
                xml.Append("</a:t></a:r></a:p></c:rich></c:tx><c:dLblPos val=\"outEnd\" />").Append(PercentShown).Append("</c:dLbl>");
            }
            xml.Append("<c:numFmt formatCode=\"0.00%\" sourceLinked=\"0\" /><c:dLblPos val=\"outEnd\" />")
                .Append(PercentShown).Append("<c:showLeaderLines val=\"1\" /></c:dLbls>");
        }

        private static string Number(DataPoint point) => point.Value.ToString(EmbeddedWorkbook.NumberFormat, CultureInfo.InvariantCulture);

        private static void Fill(StringBuilder xml, string color) =>
            xml.Append("<c:spPr><a:solidFill><a:srgbClr val=\"").Append(color).Append("\" /></a:solidFill></c:spPr>");

        /// <summary>What a label shows: a bar's amount, or a slice's share.</summary>
        private const string ValueShown = "<c:showLegendKey val=\"0\" /><c:showVal val=\"1\" /><c:showCatName val=\"0\" /><c:showSerName val=\"0\" /><c:showPercent val=\"0\" /><c:showBubbleSize val=\"0\" />";
        private const string PercentShown = "<c:showLegendKey val=\"0\" /><c:showVal val=\"0\" /><c:showCatName val=\"0\" /><c:showSerName val=\"0\" /><c:showPercent val=\"1\" /><c:showBubbleSize val=\"0\" />";

        // From 0: an axis starting near the smaller bar makes a 1.9% change look threefold.
        private const string Axes =
            "<c:catAx><c:axId val=\"1\" /><c:scaling><c:orientation val=\"minMax\" /></c:scaling><c:delete val=\"0\" /><c:axPos val=\"b\" />"
            + "<c:majorTickMark val=\"none\" /><c:minorTickMark val=\"none\" /><c:tickLblPos val=\"nextTo\" /><c:crossAx val=\"2\" /><c:crosses val=\"autoZero\" />"
            + "<c:auto val=\"1\" /><c:lblAlgn val=\"ctr\" /><c:lblOffset val=\"100\" /></c:catAx>"
            + "<c:valAx><c:axId val=\"2\" /><c:scaling><c:orientation val=\"minMax\" /><c:min val=\"0\" /></c:scaling><c:delete val=\"0\" /><c:axPos val=\"l\" />"
            + "<c:majorGridlines /><c:numFmt formatCode=\"0\" sourceLinked=\"0\" /><c:majorTickMark val=\"none\" /><c:minorTickMark val=\"none\" />"
            + "<c:tickLblPos val=\"nextTo\" /><c:crossAx val=\"1\" /><c:crosses val=\"autoZero\" /><c:crossBetween val=\"between\" /></c:valAx>";
    }
}
