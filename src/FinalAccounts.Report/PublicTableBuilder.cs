using System.Collections;
using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocxTemplating;
using FinalAccounts.Calculation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Report;

/// <summary>
/// {{publicTable x}}: a public table as a Word table in the export's layout — merged header cells
/// as spans, header rows repeated on every page, amounts right-aligned, fitted to the text width.
/// Title, 公开NN表, 金额单位 and the empty-table note are the template's paragraphs around it.
/// </summary>
/// <remarks>
/// A report carries thousands of these cells, so the table is written once as WordprocessingML text
/// (fixed fragments around each escaped cell text, the bytes an XmlWriter would write, at a fraction of
/// its cost) and handed to the SDK unparsed: it is saved as written, instead of being built and
/// serialised element by element (this stage was most of a report's time).
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
        var table = argument as IDictionary<string, object?> ?? throw new ElementArgumentException(argument is null ? "参数是空值（这份数据中没有这一项）。" : $"参数不是附表（对象），而是“{argument}”。");
        var columns = Math.Max(1, Convert.ToInt32(table.Field("columnCount") ?? 1, CultureInfo.InvariantCulture));
        var headerRows = Rows(table, "headerRows");
        var rows = Rows(table, "rows");
        var tableWidth = columns > PortraitColumns ? LandscapeWidth : TextWidth;
        var widths = ColumnWidths(headerRows, rows, columns, tableWidth, byContent);

        // One builder a thread, kept from table to table (a table's text is made whole within one step of this iterator):
        // a builder of its own for each table, sized for it, was most of what a report's tables allocated.
        var xml = t_xml ??= new StringBuilder(64 * 1024);
        xml.Clear();
        xml.Append("<w:tbl xmlns:w=\"").Append(Ns).Append("\"><w:tblPr><w:tblW w:w=\"").Append(tableWidth).Append("\" w:type=\"dxa\" /><w:tblBorders>");
        foreach (var side in new[] { "top", "left", "bottom", "right", "insideH", "insideV" })
            xml.Append("<w:").Append(side).Append(" w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\" />");
        xml.Append("</w:tblBorders><w:tblLayout w:type=\"fixed\" /><w:tblCellMar><w:left w:w=\"40\" w:type=\"dxa\" /><w:right w:w=\"40\" w:type=\"dxa\" /></w:tblCellMar></w:tblPr><w:tblGrid>");
        foreach (var width in widths)
            xml.Append("<w:gridCol w:w=\"").Append(width).Append("\" />");
        xml.Append("</w:tblGrid>");
        foreach (var row in headerRows)
            Row(xml, row, header: true);
        foreach (var row in rows)
            Row(xml, row, header: false);
        xml.Append("</w:tbl>");
        var made = new W.Table(xml.ToString());
        if (xml.Capacity > 4 << 20)
            t_xml = null;   // a very large table's builder is not kept
        Made.AddOrUpdate(made, Marker);
        yield return made;
    }

    [ThreadStatic] private static StringBuilder? t_xml;

    private static void Row(StringBuilder xml, List<CellData> cells, bool header)
    {
        xml.Append(header ? "<w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>" : "<w:tr><w:trPr><w:cantSplit /></w:trPr>");
        foreach (var cell in cells)
        {
            var (span, merge) = (cell.Span, cell.Merge);
            xml.Append("<w:tc>");
            if (span > 1 || merge is not null || header)
            {
                xml.Append("<w:tcPr>");
                if (span > 1)
                    xml.Append("<w:gridSpan w:val=\"").Append(span).Append("\" />");
                if (merge is not null)
                    xml.Append("<w:vMerge w:val=\"").Append(merge).Append("\" />");
                if (header)
                    xml.Append("<w:vAlign w:val=\"center\" />");
                xml.Append("</w:tcPr>");
            }
            // The look of a cell (font, size, spacing, alignment) is the template's: styles 附表表头, 附表文字, 附表数字.
            var style = header ? HeaderStyle : cell.IsNumber ? NumberStyle : TextStyle;
            xml.Append("<w:p><w:pPr><w:pStyle w:val=\"").Append(style).Append("\" /></w:pPr><w:r><w:t xml:space=\"preserve\">");
            XmlText.Append(xml, cell.Text);
            xml.Append("</w:t></w:r></w:p></w:tc>");
        }
        xml.Append("</w:tr>");
    }

    /// <summary>
    /// The rows of a table's field. A report's own 附表 (the view model's rows, which no tag has read) are read as the
    /// typed cells they are: converting hundreds of cells into data-tree nodes only to read four fields of each was most
    /// of this builder's time. Any other data (a JSON file given to render, rows a tag has read) goes through the tree.
    /// </summary>
    private static List<List<CellData>> Rows(IDictionary<string, object?> table, string field) =>
        // Rows or cells missing from the typed list are left to the tree, which names the fault.
        DataTree.TryReadUntouched(table, field, out var typed) && typed is IReadOnlyList<TableRowView> rows
            && rows.All(r => r?.Cells is { } cells && cells.All(c => c is not null))
            ? rows.Select(r => r.Cells.Select(CellData.Of).ToList()).ToList()
            : Rows(table.Field(field));

    private static List<List<CellData>> Rows(object? rows) =>
        (rows as IEnumerable ?? Array.Empty<object>()).Cast<object?>()
            .Select(r => (r as IDictionary<string, object?>)?.Field("cells") as IEnumerable ?? throw new ElementArgumentException("附表的某一行不是含 cells 列表的对象。"))
            .Select(cells => cells.Cast<object?>().Select(c => c as IDictionary<string, object?> ?? throw new ElementArgumentException($"附表的某一格不是含 text 的对象，而是“{c}”。"))
                .Select(CellData.Of).ToList())
            .ToList();

    /// <summary>
    /// What the builder reads of a cell, read once: the widths and the XML each asked for a cell's text and span
    /// again, and every field read goes through the data tree.
    /// </summary>
    /// <param name="Span">How many grid columns the cell spans; 1 when the data does not say.</param>
    /// <param name="Merge">restart or continue for a cell of a vertical merge, else null.</param>
    private readonly record struct CellData(string Text, int Span, string? Merge, bool IsNumber)
    {
        /// <summary>A typed cell, read as the tree would give it (<see cref="Of(IDictionary{string, object?})"/>).</summary>
        public static CellData Of(TableCellView cell) =>
            new(cell.Text ?? "", Math.Max(1, cell.ColumnSpan), MergeKind(cell.VerticalMerge), cell.IsNumber);

        public static CellData Of(IDictionary<string, object?> cell) => new(
            cell.Field("text") as string ?? "",
            Math.Max(1, Convert.ToInt32(cell.Field("columnSpan") ?? 1, CultureInfo.InvariantCulture)),
            MergeKind(cell.Field("verticalMerge") as string),
            cell.Field("isNumber") is true);

        /// <summary>Word's two kinds of vertical merge; anything else is no merge.</summary>
        private static string? MergeKind(string? value) => value is "restart" or "continue" ? value : null;
    }

    /// <summary>Columns naming an item (项目, 科目名称) get about twice the width, codes a little more, 行次 less.</summary>
    /// <remarks>
    /// A column of amounts is never narrower than its longest figure needs (tables in 元 print
    /// "76,980,000.00"), nor a column of short words narrower than two characters: the text
    /// columns give up what they need (<see cref="TableFitting"/>).
    /// </remarks>
    private static int[] ColumnWidths(List<List<CellData>> headerRows, List<List<CellData>> dataRows, int columns, int textWidth,
        bool byContent)
    {
        var weights = byContent ? ContentWeights(dataRows, columns) : Enumerable.Repeat(1.0, columns).ToArray();
        foreach (var row in headerRows)
        {
            var column = 0;
            foreach (var cell in row)
            {
                var span = cell.Span;
                var text = cell.Text;
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
                if (column < columns && cell.Span == 1)
                    needed[column] = Math.Max(needed[column], TableFitting.NeededFor(cell.Text, FigurePoints, CellMargins));
                column += cell.Span;
            }
        }
        return TableFitting.Fit(widths, needed);
    }

    /// <summary>
    /// A column's weight grows with the square root of its cells' mean length, so sentences get room without
    /// starving a column of names; figures and blank cells count as two characters.
    /// </summary>
    private static double[] ContentWeights(List<List<CellData>> dataRows, int columns)
    {
        var lengths = Enumerable.Range(0, columns).Select(_ => new List<int>()).ToArray();
        foreach (var row in dataRows)
        {
            var column = 0;
            foreach (var cell in row)
            {
                var text = cell.Text.Trim();
                if (column < columns && cell.Span == 1 && text.Length > 0)
                    lengths[column].Add(TableFitting.IsAmount(text) ? 2 : text.Length);
                column += cell.Span;
            }
        }
        return lengths.Select(l => Math.Sqrt(Math.Max(2.0, l.Count == 0 ? 2.0 : l.Average()))).ToArray();
    }
}
