using System.Collections;
using DocumentFormat.OpenXml;
using DocxTemplating;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Report;

/// <summary>
/// {{publicTable x}}: a public table as a Word table in the export's layout — merged header cells
/// as spans, header rows repeated on every page, amounts right-aligned, fitted to the text width.
/// Title, 公开NN表, 金额单位 and the empty-table note are the template's paragraphs around it.
/// </summary>
public static class PublicTableBuilder
{
    /// <summary>A4 less GB/T 9704 margins (28 mm + 26 mm): 156 mm in twips.</summary>
    private const int TextWidth = 8844;

    public static IEnumerable<OpenXmlElement> Build(object? argument, RenderServices services)
    {
        var table = argument as IDictionary<string, object?> ?? throw new ArgumentException("publicTable 需要一个附表字段，如 appendix 列表中的一项。");
        var columns = Math.Max(1, Convert.ToInt32(table["columnCount"]));
        var headerRows = Rows(table["headerRows"]);
        var rows = Rows(table["rows"]);
        var widths = ColumnWidths(headerRows, columns);

        var result = new W.Table(
            new W.TableProperties(
                new W.TableWidth { Type = W.TableWidthUnitValues.Dxa, Width = TextWidth.ToString() },
                new W.TableBorders(
                    new W.TopBorder { Val = W.BorderValues.Single, Size = 4 }, new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 }, new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 }, new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 }),
                new W.TableLayout { Type = W.TableLayoutValues.Fixed },
                new W.TableCellMarginDefault(new W.TopMargin { Width = "0", Type = W.TableWidthUnitValues.Dxa },
                    new W.TableCellLeftMargin { Width = 40, Type = W.TableWidthValues.Dxa },
                    new W.BottomMargin { Width = "0", Type = W.TableWidthUnitValues.Dxa },
                    new W.TableCellRightMargin { Width = 40, Type = W.TableWidthValues.Dxa })),
            new W.TableGrid(widths.Select(w => new W.GridColumn { Width = w.ToString() })));
        foreach (var row in headerRows)
            result.Append(Row(row, widths, header: true));
        foreach (var row in rows)
            result.Append(Row(row, widths, header: false));
        yield return result;
    }

    private static List<List<IDictionary<string, object?>>> Rows(object? rows) =>
        ((IEnumerable?)rows ?? Array.Empty<object>()).Cast<IDictionary<string, object?>>()
            .Select(r => ((IEnumerable)r["cells"]!).Cast<IDictionary<string, object?>>().ToList()).ToList();

    /// <summary>Columns whose header names an item (项目, 科目名称) get twice the width, the others one.</summary>
    private static int[] ColumnWidths(List<List<IDictionary<string, object?>>> headerRows, int columns)
    {
        var weights = Enumerable.Repeat(1.0, columns).ToArray();
        foreach (var row in headerRows)
        {
            var column = 0;
            foreach (var cell in row)
            {
                var span = Convert.ToInt32(cell["columnSpan"]);
                var text = cell["text"] as string ?? "";
                if (span == 1 && column < columns && (text.Contains("名称") || text == "项目" || text.Replace(" ", "") == "项目"))
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
        var widths = weights.Select(w => (int)(TextWidth * w / total)).ToArray();
        widths[^1] += TextWidth - widths.Sum();
        return widths;
    }

    private static W.TableRow Row(List<IDictionary<string, object?>> cells, int[] widths, bool header)
    {
        var rowProperties = new W.TableRowProperties(new W.CantSplit());
        if (header)
            rowProperties.Append(new W.TableHeader());
        var row = new W.TableRow(rowProperties);
        var column = 0;
        foreach (var cell in cells)
        {
            var span = Math.Max(1, Convert.ToInt32(cell["columnSpan"]));
            var width = widths.Skip(column).Take(span).Sum();
            column += span;
            var properties = new W.TableCellProperties(new W.TableCellWidth { Type = W.TableWidthUnitValues.Dxa, Width = width.ToString() });
            if (span > 1)
                properties.Append(new W.GridSpan { Val = span });
            var merge = cell["verticalMerge"] as string;
            if (merge == "restart")
                properties.Append(new W.VerticalMerge { Val = W.MergedCellValues.Restart });
            else if (merge == "continue")
                properties.Append(new W.VerticalMerge { Val = W.MergedCellValues.Continue });
            properties.Append(new W.TableCellVerticalAlignment { Val = W.TableVerticalAlignmentValues.Center });
            var isNumber = cell["isNumber"] is true;
            var alignment = header ? W.JustificationValues.Center : isNumber ? W.JustificationValues.Right : W.JustificationValues.Left;
            var runProperties = new W.RunProperties(new W.RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = "宋体" });
            if (header)
                runProperties.Append(new W.Bold());
            runProperties.Append(new W.FontSize { Val = "16" });
            row.Append(new W.TableCell(properties, new W.Paragraph(
                new W.ParagraphProperties(new W.SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = W.LineSpacingRuleValues.Auto },
                    new W.Indentation { FirstLine = "0", FirstLineChars = 0 }, new W.Justification { Val = alignment }),
                new W.Run(runProperties, new W.Text(cell["text"] as string ?? "") { Space = SpaceProcessingModeValues.Preserve }))));
        }
        return row;
    }
}
