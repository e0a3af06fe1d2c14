using System.Collections;
using System.Globalization;
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
        var plotArea = new C.PlotArea(new C.Layout(), kind == "pie" ? Pie(series, points) : Bar(series, points));
        if (kind != "pie")
            plotArea.Append(Axes());
        part.ChartSpace = new C.ChartSpace(
            new C.EditingLanguage { Val = "zh-CN" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.AutoTitleDeleted { Val = true },
                plotArea,
                new C.Legend(new C.LegendPosition { Val = kind == "pie" ? C.LegendPositionValues.Right : C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true }),
            new C.ExternalData(new C.AutoUpdate { Val = false }) { Id = part.GetIdOfPart(workbook) });
        part.ChartSpace.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        part.ChartSpace.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        // The engine renders without auto-save: the chart is written once rendering is done, after its labels are placed (ChartHeight).
        services.SaveWhenDone(part.ChartSpace);

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
    private sealed record DataPoint(string Label, decimal Value, string Percent);

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

    private static OpenXmlElement Bar(string series, List<DataPoint> points) => new C.BarChart(
        new C.BarDirection { Val = C.BarDirectionValues.Column },
        new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
        new C.VaryColors { Val = true },
        new C.BarChartSeries(SeriesChildren(series, points, bar: true)),
        new C.GapWidth { Val = 150 },
        new C.AxisId { Val = 1 },
        new C.AxisId { Val = 2 });

    private static OpenXmlElement Pie(string series, List<DataPoint> points) => new C.PieChart(
        new C.VaryColors { Val = true },
        new C.PieChartSeries(SeriesChildren(series, points, bar: false)),
        new C.FirstSliceAngle { Val = 0 });

    /// <summary>
    /// A series in schema order: name, fill, one coloured point per category, labels, then the
    /// categories and values, cached in the chart and referring to the embedded sheet.
    /// </summary>
    private static IEnumerable<OpenXmlElement> SeriesChildren(string name, List<DataPoint> points, bool bar)
    {
        var last = points.Count + 1;
        var categories = new C.StringCache(new C.PointCount { Val = (uint)points.Count });
        var values = new C.NumberingCache(new C.FormatCode("0.00"), new C.PointCount { Val = (uint)points.Count });
        for (var i = 0; i < points.Count; i++)
        {
            categories.Append(new C.StringPoint(new C.NumericValue(points[i].Label)) { Index = (uint)i });
            values.Append(new C.NumericPoint(new C.NumericValue(points[i].Value.ToString(EmbeddedWorkbook.NumberFormat, CultureInfo.InvariantCulture))) { Index = (uint)i });
        }
        yield return new C.Index { Val = 0 };
        yield return new C.Order { Val = 0 };
        yield return new C.SeriesText(new C.StringReference(new C.Formula("Sheet1!$B$1"),
            new C.StringCache(new C.PointCount { Val = 1 }, new C.StringPoint(new C.NumericValue(name)) { Index = 0 })));
        yield return Fill(Palette[0]);
        if (bar)
            yield return new C.InvertIfNegative { Val = false };
        for (var i = 0; i < points.Count; i++)
            yield return Point(i, Palette[i % Palette.Length], bar);
        yield return bar ? AmountLabels() : ShareLabels(points);
        yield return new C.CategoryAxisData(new C.StringReference(new C.Formula($"Sheet1!$A$2:$A${last}"), categories));
        yield return new C.Values(new C.NumberReference(new C.Formula($"Sheet1!$B$2:$B${last}"), values));
    }

    private static C.DataLabels AmountLabels() => new(
        new C.NumberingFormat { FormatCode = "0.00", SourceLinked = false },
        new C.ShowLegendKey { Val = false }, new C.ShowValue { Val = true }, new C.ShowCategoryName { Val = false },
        new C.ShowSeriesName { Val = false }, new C.ShowPercent { Val = false }, new C.ShowBubbleSize { Val = false });

    /// <summary>
    /// A slice's label is its share, outside the pie on a leader line, so a thin slice's label has room
    /// (labels of thin neighbours are slid apart once the chart's size is known: <see cref="PieLabels"/>).
    /// The share is the text's ("6.61%", largest remainder), written as the label's own text: a share the
    /// chart computed itself could differ in the last digit (6.60%). Without one (a chart from other data)
    /// the chart's own percentage is shown.
    /// </summary>
    private static C.DataLabels ShareLabels(List<DataPoint> points)
    {
        var labels = new C.DataLabels();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Percent.Length == 0)
                continue;
            // Its place is set with the chart's height, once the page is known (ChartHeight.Apply, PieLabels).
            labels.Append(new C.DataLabel(new C.Index { Val = (uint)i }, new C.Layout(),
                new C.ChartText(new C.RichText(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.Run(new A.Text(points[i].Percent + "%"))))),
                new C.DataLabelPosition { Val = C.DataLabelPositionValues.OutsideEnd },
                new C.ShowLegendKey { Val = false }, new C.ShowValue { Val = false }, new C.ShowCategoryName { Val = false },
                new C.ShowSeriesName { Val = false }, new C.ShowPercent { Val = true }, new C.ShowBubbleSize { Val = false }));
        }
        labels.Append(new C.NumberingFormat { FormatCode = "0.00%", SourceLinked = false },
            new C.DataLabelPosition { Val = C.DataLabelPositionValues.OutsideEnd },
            new C.ShowLegendKey { Val = false }, new C.ShowValue { Val = false }, new C.ShowCategoryName { Val = false },
            new C.ShowSeriesName { Val = false }, new C.ShowPercent { Val = true }, new C.ShowBubbleSize { Val = false },
            new C.ShowLeaderLines { Val = true });
        return labels;
    }

    private static C.ChartShapeProperties Fill(string color) =>
        new(new A.SolidFill(new A.RgbColorModelHex { Val = color }));

    private static C.DataPoint Point(int index, string color, bool bar)
    {
        var point = new C.DataPoint(new C.Index { Val = (uint)index });
        if (bar)
            point.Append(new C.InvertIfNegative { Val = false });
        point.Append(new C.Bubble3D { Val = false });
        point.Append(Fill(color));
        return point;
    }

    private static OpenXmlElement[] Axes() =>
    [
        new C.CategoryAxis(new C.AxisId { Val = 1 }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }), new C.Delete { Val = false },
            new C.AxisPosition { Val = C.AxisPositionValues.Bottom }, new C.MajorTickMark { Val = C.TickMarkValues.None }, new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo }, new C.CrossingAxis { Val = 2 }, new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.AutoLabeled { Val = true }, new C.LabelAlignment { Val = C.LabelAlignmentValues.Center }, new C.LabelOffset { Val = 100 }),
        // From 0: an axis starting near the smaller bar makes a 1.9% change look threefold.
        new C.ValueAxis(new C.AxisId { Val = 2 }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }, new C.MinAxisValue { Val = 0 }), new C.Delete { Val = false },
            new C.AxisPosition { Val = C.AxisPositionValues.Left }, new C.MajorGridlines(), new C.NumberingFormat { FormatCode = "0", SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.None }, new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo }, new C.CrossingAxis { Val = 1 }, new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between }),
    ];
}
