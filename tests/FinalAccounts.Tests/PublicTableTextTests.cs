using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocxTemplating;
using FinalAccounts.Calculation;
using FinalAccounts.Report;
using FinalAccounts.Tests.Support;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Tests;

/// <summary>
/// The 附表 are written as WordprocessingML text, not through an XmlWriter: whatever a cell holds must
/// come out as the same text in a valid document — markup characters escaped, line ends kept, and
/// characters XML cannot hold dropped rather than breaking the report.
/// </summary>
public class PublicTableTextTests
{
    private static byte[] Render(string cellText)
    {
        var data = new Dictionary<string, object?>
        {
            ["t"] = new Dictionary<string, object?>
            {
                ["columnCount"] = 2m,
                ["headerRows"] = new List<object?> { Row(("项目<名称>", null), ("金额", null)) },
                ["rows"] = new List<object?> { Row((cellText, null), ("1,234.50", true)) },
            },
        };
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{publicTable t}}").Build(), "t.docx", ReportTemplate.Options(null));
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        return compiled.Template!.Render(data);
    }

    private static Dictionary<string, object?> Row(params (string Text, bool? IsNumber)[] cells) => new()
    {
        ["cells"] = cells.Select(c => (object?)new Dictionary<string, object?> { ["text"] = c.Text, ["isNumber"] = c.IsNumber ?? false }).ToList(),
    };

    /// <summary>The cells' texts as a reader of the saved document finds them (the SDK parses the table here).</summary>
    private static List<string> CellTexts(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document.Body!.Descendants<W.TableCell>().Select(c => c.InnerText).ToList();
    }

    [Fact]
    public void AReportsOwnTableIsReadAsTypedCellsAndPrintsAsTheSameTableFromJson()
    {
        // Spans, vertical merges (one not Word's), markup, a line end and an empty cell: everything the builder reads.
        var view = new PublicTableView(1, "公开01表", "2024年度收入支出决算总表", "示例局", "万元", false, 3,
            [new TableRowView([new TableCellView("项目<名称>", 2, "", false), new TableCellView("金额", 1, "restart", false)])],
            [
                new TableRowView([new TableCellView("A&B\r\n下一行", 1, "", false), new TableCellView("", 1, "", false), new TableCellView("1,234.50", 1, "continue", true)]),
                new TableRowView([new TableCellView("合计", 3, "sideways", false)]),
            ],
            []);
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{publicTable t}}").Build(), "t.docx", ReportTemplate.Options(null)).Template!;
        var typedTree = (IDictionary<string, object?>)DataTree.FromObject(new { t = view })!;
        var typed = compiled.Render(typedTree);
        var json = JsonSerializer.SerializeToElement(new { t = view }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        var fromJson = compiled.Render(DataTree.FromJson(json)!);

        Assert.Equal(MainPart(fromJson), MainPart(typed));
        Assert.Contains("<w:gridSpan w:val=\"2\" />", MainPart(typed));
        Assert.Contains("<w:vMerge w:val=\"continue\" />", MainPart(typed));
        Assert.DoesNotContain("sideways", MainPart(typed));
        Assert.Empty(DocxText.ValidationErrors(typed));
        // The rows were read as the typed cells they are: the field was never turned into tree nodes.
        Assert.True(DataTree.TryReadUntouched(typedTree["t"], "rows", out var rows) && ReferenceEquals(rows, view.Rows));
    }

    [Fact]
    public void ATypedTableWithAMissingRowIsTheTreesMessageNotACrash()
    {
        var view = new PublicTableView(1, "公开01表", "收入支出决算总表", "示例局", "万元", false, 1,
            [new TableRowView([new TableCellView("项目", 1, "", false)])], [null!], []);
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{publicTable t}}").Build(), "t.docx", ReportTemplate.Options(null)).Template!;

        var failure = Assert.Throws<TemplateRenderException>(() => compiled.Render(DataTree.FromObject(new { t = view })));

        Assert.Contains("附表的某一行不是含 cells 列表的对象", Assert.Single(failure.Problems).Message);
    }

    private static string MainPart(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        using var reader = new StreamReader(document.MainDocumentPart!.GetStream());
        return reader.ReadToEnd();
    }

    [Fact]
    public void MarkupCharactersInACellAreTextNotMarkup()
    {
        var docx = Render("A&B <C> \"D\" 'E' &amp;");
        Assert.Empty(DocxText.ValidationErrors(docx));
        Assert.Equal(["项目<名称>", "金额", "A&B <C> \"D\" 'E' &amp;", "1,234.50"], CellTexts(docx));
    }

    [Fact]
    public void CharactersXmlCannotHoldAreDroppedAndTheRestKept()
    {
        // \u0001 and \u001b are not XML characters, nor is a lone high surrogate; 𠀀 (U+20000) is a pair and stays.
        var docx = Render("一\u0001二\u001b三\uD800四𠀀五\t六");
        Assert.Empty(DocxText.ValidationErrors(docx));
        Assert.Equal("一二三四𠀀五\t六", CellTexts(docx)[2]);
    }

    [Fact]
    public void CharactersXmlCannotHoldGoBeforeLineEndsAndPairsAreRead()
    {
        // As the XmlWriter had it: "\r\u0001\n" is one line end once \u0001 is gone, and a pair split by a control character is a pair again.
        var docx = Render("甲\r\u0001\n乙\uD840\u0001\uDC00丙");
        Assert.Empty(DocxText.ValidationErrors(docx));
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Equal("甲\n乙\uD840\uDC00丙", document.MainDocumentPart!.Document.Body!.Descendants<W.TableCell>().ElementAt(2).Descendants<W.Text>().Single().Text);
    }

    [Fact]
    public void ATableAsWideAsExcelWithManyRowsRenders()
    {
        // A header merged to column XFD and hundreds of merged rows: the buffer follows the cells there are, not columns × rows.
        var merged = new Dictionary<string, object?> { ["text"] = "合计", ["columnSpan"] = 16384m };
        var data = new Dictionary<string, object?>
        {
            ["t"] = new Dictionary<string, object?>
            {
                ["columnCount"] = 16384m,
                ["headerRows"] = new List<object?> { new Dictionary<string, object?> { ["cells"] = new List<object?> { merged } } },
                ["rows"] = Enumerable.Range(0, 400).Select(_ => (object?)new Dictionary<string, object?> { ["cells"] = new List<object?> { merged } }).ToList(),
            },
        };
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{publicTable t}}").Build(), "t.docx", ReportTemplate.Options(null));
        var docx = compiled.Template!.Render(data);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Equal(401, document.MainDocumentPart!.Document.Body!.Descendants<W.TableRow>().Count());
    }

    [Fact]
    public void LineEndsInACellAreKeptAsLineFeeds()
    {
        var docx = Render("第一行\r\n第二行\r第三行\n第四行");
        Assert.Empty(DocxText.ValidationErrors(docx));
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var text = document.MainDocumentPart!.Document.Body!.Descendants<W.TableCell>().ElementAt(2).Descendants<W.Text>().Single().Text;
        Assert.Equal("第一行\n第二行\n第三行\n第四行", text);
    }
}
