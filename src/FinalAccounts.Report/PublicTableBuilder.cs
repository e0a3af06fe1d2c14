using System.Collections;
using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocxTemplating;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Report;

/// <summary>
/// {{publicTable x}}: a public table as a Word table in the export's layout — merged header cells
/// as spans, header rows repeated on every page, amounts right-aligned, fitted to the text width.
/// Title, 公开NN表, 金额单位 and the empty-table note are the template's paragraphs around it.
/// </summary>
/// <remarks>
/// A report carries thousands of these cells, so the table is written once as WordprocessingML with
/// an XmlWriter (which escapes every text) and handed to the SDK unparsed: it is saved as written,
/// instead of being built and serialised element by element (this stage was most of a report's time).
/// </remarks>
public static class PublicTableBuilder
{
    /// <summary>A4 less GB/T 9704 margins (28 mm + 26 mm): 156 mm in twips.</summary>
    private const int TextWidth = 8844;

    /// <summary>
    /// A table of more than this many columns (公开04表, the 明细表) is set on a landscape page
    /// (<see cref="PrintLayout"/>): A4 turned, 297 mm less the margins 37 mm + 35 mm, 225 mm in twips.
    /// </summary>
    public const int PortraitColumns = 8, LandscapeWidth = 12756;

    /// <summary>The 附表 font size (points, the 附表数字 style's) and a cell's left and right margins (twips).</summary>
    private const double FigurePoints = 8;
    private const int CellMargins = 80;

    private const string Ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>Paragraph style ids a report template defines for its 附表 (see docs/模板编写.md).</summary>
    public const string HeaderStyle = "PublicTableHeader", TextStyle = "PublicTableText", NumberStyle = "PublicTableNumber";

    private static readonly ArgumentShape RowShape = ArgumentShape.Object(("cells", ArgumentShape.ListOf(ArgumentShape.Object(("text", ArgumentShape.Value)))));

    /// <summary>{{publicTable x}} reads x's column count and its header and data rows of cells.</summary>
    public static ElementHelperModule Module { get; } = new(
        ArgumentShape.Object(("columnCount", ArgumentShape.Value), ("headerRows", ArgumentShape.ListOf(RowShape)), ("rows", ArgumentShape.ListOf(RowShape))),
        "一张附表（appendix 列表中的一项，含 columnCount、headerRows、rows），如 {{#each appendix}} 中的 {{publicTable this}}", Build);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<W.Table, object> Made = new();
    private static readonly object Marker = new();

    /// <summary>Whether a table of the output is a 附表 this builder made (known without reading, so without parsing, the table).</summary>
    public static bool IsPublicTable(W.Table table) => Made.TryGetValue(table, out _);

    public static IEnumerable<OpenXmlElement> Build(object? argument, string? label, RenderServices services) => Build(argument, services, byContent: false);

    /// <param name="byContent">
    /// Share the width by how much text each column holds (a user's table: its headers are its own words,
    /// and a 计分标准 column of sentences needs more room than a column of 三级指标 names).
    /// </param>
    public static IEnumerable<OpenXmlElement> Build(object? argument, RenderServices services, bool byContent)
    {
        var table = argument as IDictionary<string, object?> ?? throw new ElementArgumentException($"参数不是附表（对象），而是“{argument}”。");
        var columns = Math.Max(1, Convert.ToInt32(table.Field("columnCount") ?? 1, CultureInfo.InvariantCulture));
        var headerRows = Rows(table.Field("headerRows"));
        var rows = Rows(table.Field("rows"));
        var tableWidth = columns > PortraitColumns ? LandscapeWidth : TextWidth;
        var widths = ColumnWidths(headerRows, rows, columns, tableWidth, byContent);

        var xml = new StringBuilder();
        using (var w = XmlWriter.Create(xml, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment }))
        {
            w.WriteStartElement("w", "tbl", Ns);
            w.WriteStartElement("w", "tblPr", Ns);
            Empty(w, "tblW", ("w", tableWidth.ToString(CultureInfo.InvariantCulture)), ("type", "dxa"));
            w.WriteStartElement("w", "tblBorders", Ns);
            foreach (var side in new[] { "top", "left", "bottom", "right", "insideH", "insideV" })
                Empty(w, side, ("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000"));
            w.WriteEndElement();
            Empty(w, "tblLayout", ("type", "fixed"));
            w.WriteStartElement("w", "tblCellMar", Ns);
            Empty(w, "left", ("w", "40"), ("type", "dxa"));
            Empty(w, "right", ("w", "40"), ("type", "dxa"));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("w", "tblGrid", Ns);
            foreach (var width in widths)
                Empty(w, "gridCol", ("w", width.ToString(CultureInfo.InvariantCulture)));
            w.WriteEndElement();
            foreach (var row in headerRows)
                Row(w, row, header: true);
            foreach (var row in rows)
                Row(w, row, header: false);
            w.WriteEndElement();
        }
        var made = new W.Table(xml.ToString());
        Made.AddOrUpdate(made, Marker);
        yield return made;
    }

    private static void Row(XmlWriter w, List<IDictionary<string, object?>> cells, bool header)
    {
        w.WriteStartElement("w", "tr", Ns);
        w.WriteStartElement("w", "trPr", Ns);
        Empty(w, "cantSplit");
        if (header)
            Empty(w, "tblHeader");
        w.WriteEndElement();
        foreach (var cell in cells)
        {
            var span = Span(cell);
            w.WriteStartElement("w", "tc", Ns);
            if (span > 1 || cell.Field("verticalMerge") is "restart" or "continue" || header)
            {
                w.WriteStartElement("w", "tcPr", Ns);
                if (span > 1)
                    Empty(w, "gridSpan", ("val", span.ToString(CultureInfo.InvariantCulture)));
                if (cell.Field("verticalMerge") is "restart" or "continue")
                    Empty(w, "vMerge", ("val", (string)cell["verticalMerge"]!));
                if (header)
                    Empty(w, "vAlign", ("val", "center"));
                w.WriteEndElement();
            }
            // The look of a cell (font, size, spacing, alignment) is the template's: styles 附表表头, 附表文字, 附表数字.
            var style = header ? HeaderStyle : cell.Field("isNumber") is true ? NumberStyle : TextStyle;
            w.WriteStartElement("w", "p", Ns);
            w.WriteStartElement("w", "pPr", Ns);
            Empty(w, "pStyle", ("val", style));
            w.WriteEndElement();
            w.WriteStartElement("w", "r", Ns);
            w.WriteStartElement("w", "t", Ns);
            w.WriteAttributeString("xml", "space", null, "preserve");
            w.WriteString(XmlSafe(cell.Field("text") as string ?? ""));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Empty(XmlWriter w, string name, params (string Name, string Value)[] attributes)
    {
        w.WriteStartElement("w", name, Ns);
        foreach (var (attribute, value) in attributes)
            w.WriteAttributeString("w", attribute, Ns, value);
        w.WriteEndElement();
    }

    /// <summary>Workbook text may hold control characters XML cannot: they are dropped.</summary>
    private static string XmlSafe(string text) =>
        text.All(XmlConvert.IsXmlChar) ? text : new string(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).ToArray());

    private static List<List<IDictionary<string, object?>>> Rows(object? rows) =>
        (rows as IEnumerable ?? Array.Empty<object>()).Cast<object?>()
            .Select(r => (r as IDictionary<string, object?>)?.Field("cells") as IEnumerable ?? throw new ElementArgumentException("附表的某一行不是含 cells 列表的对象。"))
            .Select(cells => cells.Cast<object?>().Select(c => c as IDictionary<string, object?> ?? throw new ElementArgumentException($"附表的某一格不是含 text 的对象，而是“{c}”。")).ToList())
            .ToList();

    /// <summary>How many grid columns a cell spans; 1 when the data does not say.</summary>
    private static int Span(IDictionary<string, object?> cell) =>
        Math.Max(1, Convert.ToInt32(cell.Field("columnSpan") ?? 1, CultureInfo.InvariantCulture));

    /// <summary>Columns naming an item (项目, 科目名称) get about twice the width, codes a little more, 行次 less.</summary>
    /// <remarks>
    /// A column of amounts is never narrower than its longest figure needs (tables in 元 print
    /// "76,980,000.00"), nor a column of short words narrower than two characters: the text
    /// columns give up what they need (<see cref="TableFitting"/>).
    /// </remarks>
    private static int[] ColumnWidths(List<List<IDictionary<string, object?>>> headerRows, List<List<IDictionary<string, object?>>> dataRows, int columns, int textWidth,
        bool byContent)
    {
        var weights = byContent ? ContentWeights(dataRows, columns) : Enumerable.Repeat(1.0, columns).ToArray();
        foreach (var row in headerRows)
        {
            var column = 0;
            foreach (var cell in row)
            {
                var span = Span(cell);
                var text = cell.Field("text") as string ?? "";
                if (span == 1 && column < columns && (text.Contains("名称") || text.Replace(" ", "") == "项目"))
                    weights[column] = columns > 8 ? 1.8 : 2;
                if (span == 1 && column < columns && (text.Contains("决算数") || text == "金额"))
                    weights[column] = 1.3;
                if (span == 1 && column < columns && text.Contains("行次"))
                    weights[column] = 0.6;
                if (span == 1 && column < columns && (text.Contains("编码") || text.Contains("代码")))
                    weights[column] = 1.4;   // a 7-digit code must not wrap
                column += span;
            }
        }
        var total = weights.Sum();
        var widths = weights.Select(w => (int)(textWidth * w / total)).ToArray();
        widths[^1] += textWidth - widths.Sum();
        var needed = new int[columns];
        foreach (var row in dataRows)
        {
            var column = 0;
            foreach (var cell in row)
            {
                if (column < columns && Span(cell) == 1)
                    needed[column] = Math.Max(needed[column], TableFitting.NeededFor(cell.Field("text") as string ?? "", FigurePoints, CellMargins));
                column += Span(cell);
            }
        }
        return TableFitting.Fit(widths, needed);
    }

    /// <summary>
    /// A column's weight grows with the square root of its cells' mean length, so sentences get room without
    /// starving a column of names; figures and blank cells count as two characters.
    /// </summary>
    private static double[] ContentWeights(List<List<IDictionary<string, object?>>> dataRows, int columns)
    {
        var lengths = Enumerable.Range(0, columns).Select(_ => new List<int>()).ToArray();
        foreach (var row in dataRows)
        {
            var column = 0;
            foreach (var cell in row)
            {
                var text = (cell.Field("text") as string ?? "").Trim();
                if (column < columns && Span(cell) == 1 && text.Length > 0)
                    lengths[column].Add(TableFitting.IsAmount(text) ? 2 : text.Length);
                column += Span(cell);
            }
        }
        return lengths.Select(l => Math.Sqrt(Math.Max(2.0, l.Count == 0 ? 2.0 : l.Average()))).ToArray();
    }
}
