using System.ComponentModel;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;
using FinalAccounts.Calculation;
using FinalAccounts.Model;
using FinalAccounts.Report;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// Template rows of plain content are filled as XML text (<see cref="FilledRow"/>), not as elements: the report must read
/// exactly as if they had been filled as elements — merged, fitted, marked — and the finishers must not parse them.
/// </summary>
public class FilledRowTests
{
    private static readonly object Data = DataTree.FromJson(JsonDocument.Parse("""
    {
      "rows": [
        { "a": "1,234,567.89", "b": "一行\n二行", "items": ["甲", "乙"], "c": "有" },
        { "a": "1,234,567.89", "b": "制表\t之后", "items": [], "c": "" },
        { "a": "2.00", "b": "A & B <c> \"d\" 控\u0001制\r\n换行\r回车\uFFFF\uD840\uDC00", "items": ["丙"], "c": "【待填写：项目名称】" }
      ]
    }
    """).RootElement)!;

    /// <summary>
    /// A table whose row block has a narrow first column of amounts (fitting widens it), merges its first column, and holds
    /// inline and paragraph blocks; <paramref name="extra"/> goes into the first cell's paragraph.
    /// </summary>
    private static string Table(string extra) => $"""
        <w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="700"/><w:gridCol w:w="5300"/></w:tblGrid>
        <w:tr><w:trPr><w:cantSplit/></w:trPr>
        <w:tc><w:tcPr><w:tcW w:w="700" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:jc w:val="right"/></w:pPr>{extra}<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>{"{{#each rows mergeRepeats=1}}{{a}}"}</w:t></w:r></w:p></w:tc>
        <w:tc><w:tcPr><w:tcW w:w="5300" w:type="dxa"/></w:tcPr>
        <w:p><w:r><w:t xml:space="preserve">说明：</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>{"{{b}}"}</w:t></w:r><w:proofErr w:type="spellEnd"/></w:p>
        <w:p><w:r><w:t>{"{{#each items}}"}</w:t></w:r></w:p><w:p><w:pPr><w:ind w:left="200"/></w:pPr><w:r><w:t>{"{{this}}"}</w:t></w:r></w:p><w:p><w:r><w:t>{"{{/each}}"}</w:t></w:r></w:p>
        <w:p><w:r><w:t>{"{{#if c}}（{{c}}）{{/if}}{{/each}}"}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        """.Replace("\n", "");

    /// <summary>A bookmark is no plain content: the same row with one is filled as elements, as every row was before.</summary>
    private const string Bookmark = "<w:bookmarkStart w:id=\"7\" w:name=\"asElements\"/><w:bookmarkEnd w:id=\"7\"/>";

    private static byte[] Template() => new DocxBuilder().Xml(Table("")).Paragraph("隔开").Xml(Table(Bookmark)).Build();

    /// <param name="fitWhenFilled">Fit column widths as a report does, as a table step (else only the finisher fits, making text rows again).</param>
    private static DocxTemplate Compile(bool fitWhenFilled, params Action<WordprocessingDocument>[] finishers)
    {
        var options = new TemplateOptions { Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(Data)) };
        if (fitWhenFilled)
            options.TableSteps.Add(PrintLayout.FitTable);
        options.Finishers.Add(PrintLayout.Apply);
        options.Finishers.AddRange(finishers);
        var compiled = DocxTemplate.Compile(Template(), "t.docx", options);
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        return compiled.Template!;
    }

    private static string DocumentXml(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return reader.ReadToEnd();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ARowFilledAsTextReadsExactlyAsTheSameRowFilledAsElements(bool fitWhenFilled)
    {
        var output = Compile(fitWhenFilled).Render(Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        // The first table's rows were written as text (standing alone, they declare their namespace); the second's were not.
        Assert.Equal(3, Regex.Count(DocumentXml(output), "<w:tr xmlns:w="));

        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        var tables = document.MainDocumentPart!.Document.Body!.Elements<Table>().ToList();
        Assert.Equal(2, tables.Count);
        var (asText, asElements) = (tables[0], (Table)tables[1].CloneNode(true));
        foreach (var mark in asElements.Descendants().Where(e => e is BookmarkStart or BookmarkEnd).ToList())
            mark.Remove();
        // Fitted alike: the amounts' column was widened from the template's 700 twips.
        Assert.Equal(asElements.GetFirstChild<TableGrid>()!.OuterXml, asText.GetFirstChild<TableGrid>()!.OuterXml);
        Assert.True(int.Parse(asText.GetFirstChild<TableGrid>()!.Elements<GridColumn>().First().Width!.Value!) > 700);
        var textRows = asText.Elements<TableRow>().ToList();
        var elementRows = asElements.Elements<TableRow>().ToList();
        Assert.Equal(3, textRows.Count);
        for (var r = 0; r < 3; r++)
            Assert.Equal(elementRows[r].ChildElements.Select(c => c.OuterXml), textRows[r].ChildElements.Select(c => c.OuterXml));

        // And what they read as, written out: merged, broken into lines and tabs, escaped, a control character dropped.
        string Cell(int row, int cell) => textRows[row].Elements<TableCell>().ElementAt(cell).InnerText;
        var first = textRows.Select(r => r.Elements<TableCell>().First().TableCellProperties!).ToList();
        Assert.Equal(MergedCellValues.Restart, first[0].VerticalMerge!.Val!.Value);
        Assert.NotNull(first[1].VerticalMerge);
        Assert.Null(first[1].VerticalMerge!.Val);
        Assert.Null(first[2].VerticalMerge);
        Assert.Equal(["1,234,567.89", "", "2.00"], [Cell(0, 0), Cell(1, 0), Cell(2, 0)]);
        Assert.Equal("说明：一行二行甲乙（有）", Cell(0, 1));
        Assert.Single(textRows[0].Descendants<Break>());
        Assert.Equal("说明：制表之后", Cell(1, 1));
        Assert.Single(textRows[1].Descendants<TabChar>());
        Assert.Equal("说明：A & B <c> \"d\" 控制换行\n回车\U00020000丙（【待填写：项目名称】）", Cell(2, 1));   // a lone \r reads back as a line end
        // The merged cell keeps its paragraph's alignment and nothing else.
        var continued = textRows[1].Elements<TableCell>().First();
        Assert.Equal("<w:p xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:pPr><w:jc w:val=\"right\" /></w:pPr></w:p>",
            Assert.Single(continued.Elements<Paragraph>()).OuterXml);
    }

    [Fact]
    public void TheFinishersLeaveTextRowsUnparsedAndARowAStepParsedKeepsThatStepsChange()
    {
        var unparsedAfterFinishers = new List<bool>();
        void EditOneRow(WordprocessingDocument document)
        {
            var row = document.MainDocumentPart!.Document.Body!.Elements<Table>().First().Elements<TableRow>().Last();
            Assert.NotNull(FilledRow.Of(row));
            row.Descendants<Text>().First(t => t.Text == "2.00").Text = "3.00";   // reading its elements parses it
            Assert.Null(FilledRow.Of(row));
        }
        void Count(WordprocessingDocument document) =>
            unparsedAfterFinishers.AddRange(document.MainDocumentPart!.Document.Body!.Elements<Table>().First().Elements<TableRow>().Select(r => FilledRow.Of(r) is not null));

        // The layout finishers of a report, then a step that edits a row, then the layout again (it must keep the edit).
        var template = Compile(false, ChartHeight.Apply, TableOfContents.Fill, EditOneRow, PrintLayout.Apply, Count);
        var output = template.Render(Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        Assert.Equal([true, true, false], unparsedAfterFinishers);
        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        Assert.Equal("3.00", document.MainDocumentPart!.Document.Body!.Elements<Table>().First().Elements<TableRow>().Last().Elements<TableCell>().First().InnerText);
    }

    [Fact]
    public void APlaceholderInATextRowIsMarkedAndItsFindingSaysWhere()
    {
        var finding = new Diagnostic("CALC999", Severity.Warning, "缺少项目名称。", null);
        IReadOnlyList<Diagnostic> shown = [];
        var output = Compile(true).Render(Data, word =>
            shown = ReportMarks.Apply(word, [new Mark("【待填写：项目名称】", finding)], [finding], new CalculationSettings(), review: false).Findings);
        Assert.Empty(DocxText.ValidationErrors(output));
        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        var marked = document.MainDocumentPart!.Document.Body!.Descendants<Run>().Where(r => r.RunProperties?.RunStyle is not null).ToList();
        // In both tables: the one filled as text and the one filled as elements.
        Assert.Equal(2, marked.Count);
        Assert.All(marked, r => Assert.Equal("【待填写：项目名称】", r.InnerText));
        Assert.Contains("中显示待填写标记", Assert.Single(shown).Message);
    }

    [Fact]
    public void ALoneCarriageReturnReadsAsTheLineEndItIsWrittenAsInARowFilledAsTextAndInOneOfElements()
    {
        // A finisher reads both tables: the one filled as text (reading parses it) and the one filled as elements.
        var seen = new List<string[]>();
        void Read(WordprocessingDocument document) =>
            seen.AddRange(document.MainDocumentPart!.Document.Body!.Elements<Table>().Select(t => t.Descendants<Text>().Select(x => x.Text).ToArray()));
        var output = Compile(true, Read).Render(Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        Assert.Equal(2, seen.Count);
        Assert.Equal(seen[1], seen[0]);
        // "…换行\r回车…": the lone carriage return as the part holds it, a line end; "\r\n" and "\n" are line breaks.
        Assert.Contains("换行\n回车", string.Concat(seen[0]));
        Assert.DoesNotContain(seen.SelectMany(s => s), t => t.Contains('\r'));
        Assert.Contains("换行\n回车", DocumentXml(output));
    }

    [Description("试验的表格步骤")]
    private static void FailingStep(Table table, MainDocumentPart main) => throw new FormatException("“2.5cm”不是整数。");

    [Fact]
    public void ATableStepThatFailsOnTheTemplateIsTpl020NamingTheStep()
    {
        var options = new TemplateOptions { Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(Data)) };
        options.TableSteps.Add(FailingStep);
        var compiled = DocxTemplate.Compile(Template(), "t.docx", options);
        Assert.Empty(compiled.Problems);
        var failure = Assert.Throws<TemplateRenderException>(() => compiled.Template!.Render(Data));
        // Once for each of the two tables, at the table.
        Assert.Equal(2, failure.Problems.Count);
        Assert.All(failure.Problems, p =>
        {
            Assert.Equal(TemplateErrors.RenderFailed, p.Id);
            Assert.Contains("填充后的排版步骤（试验的表格步骤）无法处理模板中的内容：“2.5cm”不是整数。", p.Message);
            Assert.NotNull(p.Location);
        });
    }

    [Fact]
    public void ARowAsWordSavesItWithIdsOfAnotherNamespaceStandsAloneAndReadsAsTheTemplates()
    {
        // Word marks rows and paragraphs with w14:paraId; the prefix is declared where the part's content is written.
        const string W14 = "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"";
        var template = new DocxBuilder().Xml($"""
            <w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>
            <w:tr {W14} w14:paraId="1A2B3C4D" w14:textId="77777777"><w:tc><w:p {W14} w14:paraId="2B3C4D5E" w14:textId="77777777"><w:r><w:t>{"{{#each rows}}{{a}}"}</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>{"{{c}}{{/each}}"}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            """.Replace("\n", "")).Build();
        var options = new TemplateOptions { Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(Data)) };
        var compiled = DocxTemplate.Compile(template, "t.docx", options);
        Assert.Empty(compiled.Problems);
        var output = compiled.Template!.Render(Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        Assert.Equal(3, Regex.Count(DocumentXml(output), "<w:tr xmlns:w="));
        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        var rows = document.MainDocumentPart!.Document.Body!.Descendants<TableRow>().ToList();
        Assert.Equal(["1,234,567.89有", "1,234,567.89", "2.00【待填写：项目名称】"], rows.Select(r => r.InnerText));
        Assert.All(rows, r => Assert.Equal("1A2B3C4D", r.GetAttribute("paraId", "http://schemas.microsoft.com/office/word/2010/wordml").Value));
    }

    [Fact]
    public void ARowDeclaringAPrefixThePartDeclaresTooIsFilledWithOneDeclarationOfIt()
    {
        // Word declares w14 on the document; a row (copied in by a tool) declares it again on itself.
        const string W14 = "http://schemas.microsoft.com/office/word/2010/wordml";
        var built = new DocxBuilder().Xml($"""
            <w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>
            <w:tr xmlns:w14="{W14}" w14:paraId="1A2B3C4D"><w:tc><w:p><w:r><w:t>{"{{#each rows}}{{a}}"}</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>{"{{c}}{{/each}}"}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            """.Replace("\n", "")).Build();
        var template = new MemoryStream();
        template.Write(built);
        using (var word = WordprocessingDocument.Open(template, true))
        {
            word.MainDocumentPart!.Document.AddNamespaceDeclaration("w14", W14);
            word.MainDocumentPart.Document.Save();
        }
        var options = new TemplateOptions { Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(Data)) };
        var compiled = DocxTemplate.Compile(template.ToArray(), "t.docx", options);
        Assert.Empty(compiled.Problems);
        var output = compiled.Template!.Render(Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        var xml = DocumentXml(output);
        Assert.Equal(3, Regex.Count(xml, "<w:tr xmlns:w="));
        Assert.Equal(1 + 3, Regex.Count(xml, "xmlns:w14="));   // the document's, and once on each row
        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        var rows = document.MainDocumentPart!.Document.Body!.Descendants<TableRow>().ToList();
        Assert.Equal(["1,234,567.89有", "1,234,567.89", "2.00【待填写：项目名称】"], rows.Select(r => r.InnerText));
        Assert.All(rows, r => Assert.Equal("1A2B3C4D", r.GetAttribute("paraId", W14).Value));
    }

    [Fact]
    public void AReviewCopyOfABodyOfTablesOnlyAnchorsItsWarningsInTheFirstParagraphItHas()
    {
        // No paragraph of the body's own: the warnings' comments went to the first one of those, and there was none (TPL020).
        var options = new TemplateOptions { Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(Data)) };
        var compiled = DocxTemplate.Compile(new DocxBuilder().Xml(Table("")).Build(), "t.docx", options);
        Assert.Empty(compiled.Problems);
        var warning = new Diagnostic("CALC998", Severity.Warning, "试验的警告。", null);
        var output = compiled.Template!.Render(Data, word => ReportMarks.Apply(word, [], [warning], new CalculationSettings(), review: true));
        Assert.Empty(DocxText.ValidationErrors(output));
        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        // Besides the comment at the placeholder the third row prints.
        var comment = Assert.Single(document.MainDocumentPart!.WordprocessingCommentsPart!.Comments!.Elements<Comment>(), c => c.InnerText.StartsWith("CALC"));
        Assert.Equal("CALC998：试验的警告。", comment.InnerText);
        var anchored = Assert.Single(document.MainDocumentPart!.Document.Body!.Descendants<CommentRangeStart>(), c => c.Id!.Value == comment.Id!.Value).Parent!;
        Assert.Equal("1,234,567.89", anchored.InnerText);   // the first cell's paragraph
    }
}
