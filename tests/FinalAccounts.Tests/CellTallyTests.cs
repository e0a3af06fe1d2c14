using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocxTemplating;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Tests;

/// <summary>
/// A row block is told from a block in a cell as before 2e4d5e6. Until a text box in a text box was compiled once, in the
/// paragraph inside the outer box, it was compiled a second time after the first compile took its row block's tags out of
/// the cells, and a cell's tally kept from before that read a block the cell closes as a row block.
/// </summary>
public class CellTallyTests
{
    private const string Box = "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>{0}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>";

    /// <remarks>The root has no name or flag: the inner box is compiled once, in the outer box's paragraph, with its row block.</remarks>
    [Fact]
    public void ARowBlockInATextBoxInATextBoxCompilesAsBefore()
    {
        var table = "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>"
            + "<w:tc><w:p><w:r><w:t>{{#each items}}{{#if flag}}x{{/if}}</w:t></w:r></w:p></w:tc>"
            + "<w:tc><w:p><w:r><w:t>{{name}}{{/each}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>";
        var body = "<w:p>" + string.Format(Box, "<w:p>" + string.Format(Box, table) + "</w:p>") + "</w:p><w:sectPr/>";
        var data = JsonSerializer.SerializeToElement(new { items = new[] { new { name = "a", flag = true }, new { name = "b", flag = false } } });

        var compiled = DocxTemplate.Compile(Package(body), "t.docx", new TemplateOptions { Schema = DataSchema.FromJson(data) });

        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        using var filled = WordprocessingDocument.Open(new MemoryStream(compiled.Template!.Render(DataTree.FromJson(data))), false);
        var rows = filled.MainDocumentPart!.Document.Body!.Descendants<W.TableRow>().Select(r => string.Join("|", r.Elements<W.TableCell>().Select(c => c.InnerText)));
        Assert.Equal(["x|a", "|b"], rows);
    }

    private static byte[] Package(string body)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
            document.AddMainDocumentPart().Document = new W.Document(new W.Body(
                $"<w:body xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:v=\"urn:schemas-microsoft-com:vml\">{body}</w:body>"));
        return stream.ToArray();
    }
}
