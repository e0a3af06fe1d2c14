using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// Builds small .docx fixtures in code: paragraphs given as runs (so a tag can be split the way
/// Word splits it), headings, tables, numbered paragraphs, text boxes, headers and footers.
/// </summary>
public sealed class DocxBuilder
{
    private readonly List<Func<OpenXmlElement>> _body = new();
    private string? _header, _footer;

    public DocxBuilder Paragraph(params string[] runs)
    {
        _body.Add(() => new Paragraph(runs.Select(Run)));
        return this;
    }

    /// <summary>A paragraph whose runs carry formatting: the first run 仿宋 (East Asian), later runs bold.</summary>
    public DocxBuilder FormattedParagraph(params string[] runs)
    {
        _body.Add(() => new Paragraph(runs.Select((text, i) => new Run(
            new RunProperties(i == 0 ? new RunFonts { EastAsia = "仿宋" } : new Bold()),
            new Text(text) { Space = SpaceProcessingModeValues.Preserve }))));
        return this;
    }

    public DocxBuilder Heading(string text)
    {
        _body.Add(() => new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), Run(text)));
        return this;
    }

    public DocxBuilder Numbered(string text)
    {
        _body.Add(() => new Paragraph(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })), Run(text)));
        return this;
    }

    public DocxBuilder Table(params string[][] rows)
    {
        _body.Add(() =>
        {
            var table = new Table(
                new TableProperties(new TableWidth { Type = TableWidthUnitValues.Auto, Width = "0" }),
                new TableGrid(rows[0].Select(_ => new GridColumn { Width = "2000" })));
            table.Append(rows.Select(cells => new TableRow(cells.Select(text => new TableCell(new Paragraph(Run(text)))))));
            return table;
        });
        return this;
    }

    public DocxBuilder TextBox(string text)
    {
        _body.Add(() => new Paragraph(new Run(new AlternateContentLikeTextBox(text).Build())));
        return this;
    }

    /// <summary>
    /// A body element written as WordprocessingML (w:, v:, wp:, a:, wps: are declared): for what the other methods do not
    /// build, such as a text box in a text box.
    /// </summary>
    public DocxBuilder Xml(string element)
    {
        _body.Add(() =>
        {
            var parsed = new Body($"<w:body {Namespaces}>{element}</w:body>");
            return parsed.FirstChild!.CloneNode(true);
        });
        return this;
    }

    private const string Namespaces = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:v=\"urn:schemas-microsoft-com:vml\" "
        + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
        + "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"";

    public DocxBuilder FieldCode(string instruction)
    {
        _body.Add(() => new Paragraph(
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(instruction) { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End })));
        return this;
    }

    public DocxBuilder Bookmarked(string name, string text)
    {
        _body.Add(() => new Paragraph(new BookmarkStart { Id = "7", Name = name }, Run(text), new BookmarkEnd { Id = "7" }));
        return this;
    }

    /// <summary>
    /// A table in a cell of a table, <paramref name="depth"/> deep, the innermost cell holding <paramref name="text"/>; with
    /// <paramref name="open"/> and <paramref name="close"/>, each inner table stands between a paragraph of each (a block around it).
    /// </summary>
    public DocxBuilder NestedTables(int depth, string text, string? open = null, string? close = null)
    {
        _body.Add(() =>
        {
            OpenXmlElement inner = new Paragraph(Run(text));
            for (var i = 0; i < depth; i++)
                inner = new Table(new TableRow(open is null || i == 0
                    ? new TableCell(inner, new Paragraph())
                    : new TableCell(new Paragraph(Run(open)), inner, new Paragraph(Run(close ?? "")))));
            return inner;
        });
        return this;
    }

    public DocxBuilder Header(string text) { _header = text; return this; }

    public DocxBuilder Footer(string text) { _footer = text; return this; }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body());
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new Style(new StyleName { Val = "heading 1" }, new StyleParagraphProperties(new OutlineLevel { Val = 0 }))
            { Type = StyleValues.Paragraph, StyleId = "Heading1" });
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.Decimal }, new LevelText { Val = "%1." }) { LevelIndex = 0 }) { AbstractNumberId = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
            var body = main.Document.Body!;
            foreach (var element in _body)
                body.Append(element());
            var section = new SectionProperties();
            if (_header is not null)
            {
                var part = main.AddNewPart<HeaderPart>();
                part.Header = new Header(new Paragraph(Run(_header)));
                section.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(part) });
            }
            if (_footer is not null)
            {
                var part = main.AddNewPart<FooterPart>();
                part.Footer = new Footer(new Paragraph(Run(_footer)));
                section.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(part) });
            }
            body.Append(section);
        }
        return stream.ToArray();
    }

    private static Run Run(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    /// <summary>A VML text box (w:pict/v:shape/v:textbox/w:txbxContent), the simplest form Word and LibreOffice read.</summary>
    private sealed class AlternateContentLikeTextBox(string text)
    {
        public Picture Build()
        {
            var shape = new DocumentFormat.OpenXml.Vml.Shape { Id = "box1", Style = "width:200pt;height:40pt" };
            shape.Append(new DocumentFormat.OpenXml.Vml.TextBox(new TextBoxContent(new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })))));
            return new Picture(shape);
        }
    }
}
