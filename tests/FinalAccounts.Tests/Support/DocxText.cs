using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// A .docx as reviewable text: paragraphs one per line, table cells tab-separated (one row per
/// line), page breaks marked, headers and footers after the body. Used for assertions and snapshots.
/// </summary>
public static class DocxText
{
    public static string Of(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var text = new StringBuilder();
        var main = document.MainDocumentPart!;
        Write(main.Document.Body!, text, main);
        foreach (var header in main.HeaderParts)
        {
            text.AppendLine("[页眉]");
            Write(header.Header, text, main);
        }
        foreach (var footer in main.FooterParts)
        {
            text.AppendLine("[页脚]");
            Write(footer.Footer, text, main);
        }
        return text.ToString();
    }

    public static void Write(OpenXmlElement container, StringBuilder text, MainDocumentPart? main = null)
    {
        foreach (var child in container.ChildElements)
        {
            switch (child)
            {
                case Paragraph p:
                    if (p.ParagraphProperties?.PageBreakBefore is not null || p.Descendants<Break>().Any(b => b.Type?.Value == BreakValues.Page))
                        text.AppendLine("[分页]");
                    text.AppendLine(ParagraphString(p));
                    foreach (var chart in p.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ChartReference>())
                        text.AppendLine(ChartString((ChartPart)main!.GetPartById(chart.Id!.Value!)));
                    break;
                case Table t:
                    foreach (var row in t.Elements<TableRow>())
                        text.AppendLine(string.Join("\t", row.Elements<TableCell>().Select(c => string.Join(" / ", c.Elements<Paragraph>().Select(ParagraphString)))));
                    break;
            }
        }
    }

    /// <summary>A chart as its kind and series: [图表 bar 收支总计: 2023年=7862.31; 2024年=8012.15].</summary>
    private static string ChartString(ChartPart part)
    {
        var chart = part.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.PlotArea>().First().ChildElements
            .First(e => e.LocalName.EndsWith("Chart", StringComparison.Ordinal));
        var series = chart.ChildElements.First(e => e.LocalName == "ser");
        var name = series.Descendants<DocumentFormat.OpenXml.Drawing.Charts.SeriesText>().First().Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>().First().Text;
        var labels = series.Descendants<DocumentFormat.OpenXml.Drawing.Charts.CategoryAxisData>().First().Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>().Select(v => v.Text);
        var values = series.Descendants<DocumentFormat.OpenXml.Drawing.Charts.Values>().First().Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>().Select(v => v.Text);
        return $"[图表 {chart.LocalName} {name}: {string.Join("; ", labels.Zip(values, (l, v) => $"{l}={v}"))}]";
    }

    public static string ParagraphString(Paragraph p)
    {
        var text = new StringBuilder();
        foreach (var e in p.Descendants())
        {
            if (e.Ancestors<Paragraph>().FirstOrDefault() != p)
                continue;
            if (e is Text t)
                text.Append(t.Text);
            else if (e is Break b && b.Type?.Value != BreakValues.Page)
                text.Append("⏎");
            else if (e is TabChar)
                text.Append("→");
        }
        return text.ToString();
    }

    /// <summary>Every validation error of the package, formatted; a test asserts this is empty.</summary>
    public static IReadOnlyList<string> ValidationErrors(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }
}
