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
        Write(main.Document.Body!, text);
        foreach (var header in main.HeaderParts)
        {
            text.AppendLine("[页眉]");
            Write(header.Header, text);
        }
        foreach (var footer in main.FooterParts)
        {
            text.AppendLine("[页脚]");
            Write(footer.Footer, text);
        }
        return text.ToString();
    }

    public static void Write(OpenXmlElement container, StringBuilder text)
    {
        foreach (var child in container.ChildElements)
        {
            switch (child)
            {
                case Paragraph p:
                    if (p.ParagraphProperties?.PageBreakBefore is not null || p.Descendants<Break>().Any(b => b.Type?.Value == BreakValues.Page))
                        text.AppendLine("[分页]");
                    text.AppendLine(ParagraphString(p));
                    break;
                case Table t:
                    foreach (var row in t.Elements<TableRow>())
                        text.AppendLine(string.Join("\t", row.Elements<TableCell>().Select(c => string.Join(" / ", c.Elements<Paragraph>().Select(ParagraphString)))));
                    break;
            }
        }
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
