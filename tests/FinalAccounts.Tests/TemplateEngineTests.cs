using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>The Word template engine on small fixtures built in code. Every output is validated.</summary>
public class TemplateEngineTests
{
    private static readonly object Data = Tree("""
    {
      "name": "示例局", "amount": "7413.59", "zero": 0, "flag": true, "off": false,
      "部门名称": "示例县农业农村局",
      "tricky": "A<B>&C \"q\" {{amount}} 'x'",
      "rows": [ { "name": "甲", "amount": "1.00" }, { "name": "乙", "amount": "2.00" } ],
      "empty": [],
      "groups": [ { "title": "一组", "items": [ { "name": "a" }, { "name": "b" } ] }, { "title": "二组", "items": [ { "name": "c" } ] } ],
      "list": [ "基本工资", "津贴补贴" ]
    }
    """);

    private static object Tree(string json) => DataTree.FromJson(JsonDocument.Parse(json).RootElement)!;

    private static TemplateOptions Options(bool withSchema = true)
    {
        var options = new TemplateOptions();
        options.Helpers["join"] = args => string.Join(args.Length > 1 ? args[1]?.ToString() : "、", ((IEnumerable<object?>)args[0]!).Select(x => x?.ToString()));
        if (withSchema)
            options.Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(Data));
        return options;
    }

    private static string Render(DocxBuilder builder, object? data = null)
    {
        var compiled = DocxTemplate.Compile(builder.Build(), "t.docx", Options());
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        var output = compiled.Template!.Render(data ?? Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        return DocxText.Of(output);
    }

    private static IReadOnlyList<TemplateDiagnostic> Problems(DocxBuilder builder, bool withSchema = true) =>
        DocxTemplate.Compile(builder.Build(), "t.docx", Options(withSchema)).Problems;

    [Fact]
    public void TagSplitAcrossRunsIsFilledWithTheFormattingOfItsFirstRun()
    {
        var template = DocxTemplate.Compile(new DocxBuilder().FormattedParagraph("合计{{", "amo", "unt}}万元").Build(), "t.docx", Options()).Template!;
        var output = template.Render(Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        var run = document.MainDocumentPart!.Document.Body!.Descendants<Run>().Single(r => r.InnerText.Contains("7413.59"));
        Assert.Equal("仿宋", run.RunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("合计7413.59万元", DocxText.Of(output).Trim());
    }

    /// <summary>
    /// What the document element holds besides the body — a page colour set in Word (设计 → 页面颜色) — is in every report.
    /// Renders start from a package whose body part holds nothing else, so the part is written from the compiled template.
    /// </summary>
    [Fact]
    public void APageColourOfTheTemplateIsInTheReport()
    {
        using var stream = new MemoryStream();
        stream.Write(new DocxBuilder().Paragraph("{{name}}").Build());
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var root = document.MainDocumentPart!.Document;
            root.InsertBefore(new DocumentBackground { Color = "FFF2CC" }, root.Body);
        }
        var output = DocxTemplate.Compile(stream.ToArray(), "t.docx", Options()).Template!.Render(Data);

        Assert.Empty(DocxText.ValidationErrors(output));
        using var result = WordprocessingDocument.Open(new MemoryStream(output), false);
        Assert.Equal("FFF2CC", result.MainDocumentPart!.Document.DocumentBackground?.Color?.Value);
        Assert.Equal("示例局", DocxText.Of(output).Trim());
    }

    /// <summary>
    /// The main part is written into a buffer each thread keeps from report to report: a short report after a long one
    /// on the same thread is its own document, with nothing of the long one's text after it.
    /// </summary>
    [Fact]
    public void AShortReportAfterALongOneOnTheSameThreadHoldsOnlyItsOwnText()
    {
        var longText = string.Concat(Enumerable.Repeat("长报告的段落文字。", 40));
        var builder = new DocxBuilder();
        for (var i = 0; i < 400; i++)
            builder.Paragraph($"{longText}{{{{name}}}}");
        var longTemplate = DocxTemplate.Compile(builder.Build(), "long.docx", Options()).Template!;
        var shortTemplate = DocxTemplate.Compile(new DocxBuilder().Paragraph("短：{{name}}").Build(), "short.docx", Options()).Template!;

        var before = shortTemplate.Render(Data);
        var longReport = longTemplate.Render(Data);
        var after = shortTemplate.Render(Data);

        // Longer than the buffer a thread starts with (256 kB), so the short report after it reuses a grown, written-over one.
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(MainPart(longReport)) > 300_000);
        Assert.Empty(DocxText.ValidationErrors(after));
        Assert.Equal("短：示例局", DocxText.Of(after).Trim());
        Assert.Equal(MainPart(before), MainPart(after));

        static string MainPart(byte[] docx)
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
            using var reader = new StreamReader(document.MainDocumentPart!.GetStream());
            return reader.ReadToEnd();
        }
    }

    [Fact]
    public void CurlyQuotesTypedByWordInsideATagWork()
    {
        Assert.Equal("基本工资/津贴补贴", Render(new DocxBuilder().Paragraph("{{join list “/”}}")).Trim());
    }

    [Fact]
    public void ChineseFieldNamesAndInlineEachInOneParagraph()
    {
        Assert.Equal("示例县农业农村局：甲1.00；乙2.00。",
            Render(new DocxBuilder().Paragraph("{{部门名称}}：{{#each rows}}{{name}}{{amount}}{{#if @last}}。{{else}}；{{/if}}{{/each}}")).Trim());
    }

    [Fact]
    public void ParagraphLevelEachRepeatsWholeParagraphsAndTheTagParagraphsDisappear()
    {
        var text = Render(new DocxBuilder().Paragraph("前").Paragraph("{{#each rows}}").Paragraph("{{name}}").Paragraph("金额{{amount}}，单位{{../name}}").Paragraph("{{/each}}").Paragraph("后"));
        Assert.Equal("前\n甲\n金额1.00，单位示例局\n乙\n金额2.00，单位示例局\n后\n", text);
    }

    [Fact]
    public void EmptyListLeavesNoEmptyParagraphAndElseRuns()
    {
        var text = Render(new DocxBuilder().Paragraph("前").Paragraph("{{#each empty}}").Paragraph("{{name}}").Paragraph("{{else}}").Paragraph("无数据").Paragraph("{{/each}}").Paragraph("后"));
        Assert.Equal("前\n无数据\n后\n", text);
    }

    [Fact]
    public void NestedEachSeesItsParents()
    {
        var text = Render(new DocxBuilder().Paragraph("{{#each groups}}").Paragraph("{{title}}").Paragraph("{{#each items}}").Paragraph("{{title}}-{{name}}").Paragraph("{{/each}}").Paragraph("{{/each}}"));
        Assert.Equal("一组\n一组-a\n一组-b\n二组\n二组-c\n", text);
    }

    [Fact]
    public void ConditionsKeepOrRemoveTablesAndParagraphs()
    {
        var text = Render(new DocxBuilder()
            .Paragraph("{{#if off}}").Table(["不应出现"]).Paragraph("{{else}}").Paragraph("本单位当年无此项").Paragraph("{{/if}}")
            .Paragraph("{{#unless zero}}").Table(["{{name}}"]).Paragraph("{{/unless}}"));
        Assert.Equal("本单位当年无此项\n示例局\n", text);
    }

    [Fact]
    public void TableRowRepeatsAndConditionalRowsDrop()
    {
        var text = Render(new DocxBuilder().Table(
            ["名称", "金额"],
            ["{{#each rows}}{{name}}", "{{amount}}{{/each}}"],
            ["{{#if off}}隐藏", "行{{/if}}"],
            ["{{#each empty}}{{name}}", "{{amount}}{{/each}}"],
            ["合计", "3.00"]));
        Assert.Equal("名称\t金额\n甲\t1.00\n乙\t2.00\n合计\t3.00\n", text);
    }

    [Fact]
    public void RowsInAContentControlKeepTheirPlaceInTheTable()
    {
        // Rows 4 and 7 (the second in a row block) stand in content controls; they were put before all the rows.
        var output = RenderWithRowsInControls([3, 6],
            ["名称", "金额"], ["{{#each rows}}{{name}}", "{{amount}}{{/each}}"], ["单位", "{{name}}"], ["说明", "控件中的行"], ["合计", "3.00"],
            ["{{#each rows}}{{name}}", "{{amount}}"], ["注", "控件中的注"], ["小计", "{{amount}}{{/each}}"]);

        Assert.Empty(DocxText.ValidationErrors(output));
        using var result = WordprocessingDocument.Open(new MemoryStream(output), false);
        var table = result.MainDocumentPart!.Document.Body!.Elements<Table>().Single();
        Assert.Equal(
            ["名称|金额", "甲|1.00", "乙|2.00", "单位|示例局", "【说明|控件中的行】", "合计|3.00", "甲|1.00", "【注|控件中的注】", "小计|1.00", "乙|2.00", "【注|控件中的注】", "小计|2.00"],
            table.Descendants<TableRow>().Select(r => string.Join("|", r.Elements<TableCell>().Select(c => c.InnerText)) is var text && r.Parent is SdtContentRow ? $"【{text}】" : text));
        Assert.Equal(3, table.Elements<SdtRow>().Count());
    }

    /// <summary>The table of these rows, rows at the given indexes each in a content control (w:sdt around w:tr), filled with <see cref="Data"/>.</summary>
    private static byte[] RenderWithRowsInControls(int[] controlled, params string[][] rows)
    {
        using var stream = new MemoryStream();
        stream.Write(new DocxBuilder().Table(rows).Build());
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var tableRows = document.MainDocumentPart!.Document.Body!.Descendants<TableRow>().ToList();
            foreach (var row in controlled.Select(i => tableRows[i]))
            {
                var control = new SdtRow(new SdtProperties(new SdtAlias { Val = "说明行" }), new SdtContentRow());
                row.InsertBeforeSelf(control);
                row.Remove();
                control.SdtContentRow!.Append(row);
            }
        }
        var compiled = DocxTemplate.Compile(stream.ToArray(), "t.docx", Options());
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        return compiled.Template!.Render(Data);
    }

    [Fact]
    public void TableWhoseRowsAllDropIsRemoved()
    {
        Assert.Equal("后\n", Render(new DocxBuilder().Table(["{{#each empty}}{{name}}", "x{{/each}}"]).Paragraph("后")));
    }

    [Fact]
    public void HeadersFootersAndTextBoxesAreFilled()
    {
        var text = Render(new DocxBuilder().TextBox("框内{{name}}").Paragraph("正文").Header("页眉{{部门名称}}").Footer("— {{amount}} —"));
        Assert.Contains("[页眉]\n页眉示例县农业农村局", text);
        Assert.Contains("[页脚]\n— 7413.59 —", text);
        var compiled = DocxTemplate.Compile(new DocxBuilder().TextBox("框内{{name}}").Build(), "t.docx", Options()).Template!;
        using var document = WordprocessingDocument.Open(new MemoryStream(compiled.Render(Data)), false);
        Assert.Equal("框内示例局", document.MainDocumentPart!.Document.Descendants<TextBoxContent>().Single().InnerText);
    }

    private static string VmlBox(string content) =>
        $"<w:r><w:pict><v:shape style=\"width:200pt;height:80pt\"><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>";

    private static int _drawings;

    private static string DrawingBox(string content)
    {
        var id = ++_drawings;
        return $"<w:r><w:drawing><wp:inline><wp:extent cx=\"2540000\" cy=\"1016000\"/><wp:docPr id=\"{id}\" name=\"框{id}\"/><a:graphic>"
            + "<a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp><wps:cNvSpPr txBox=\"1\"/><wps:spPr/>"
            + $"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
    }

    private static string TextRun(string text) => $"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>";

    /// <summary>The text of each text box that stands in another text box, in document order.</summary>
    private static List<string> InnerBoxTexts(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document.Body!.Descendants<TextBoxContent>().Where(b => b.Ancestors<TextBoxContent>().Any()).Select(b => b.InnerText).ToList();
    }

    /// <summary>
    /// The inner box was compiled a second time with the paragraph holding the outer box, outside the block it stands in: its
    /// {{title}} was looked up at the data's root (which has none), TPL005 at check and TPL020 at fill.
    /// </summary>
    [Theory]
    [InlineData(false, "row")]
    [InlineData(true, "row")]
    [InlineData(false, "paragraphs")]
    [InlineData(true, "paragraphs")]
    [InlineData(false, "around")]
    [InlineData(true, "around")]
    public void ATextBoxInATextBoxInABlockReadsTheBlocksItem(bool drawing, string block)
    {
        Func<string, string> box = drawing ? DrawingBox : VmlBox;
        var inner = box("<w:p>" + TextRun("框{{title}}") + "</w:p>");
        var grid = "<w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>";
        var builder = new DocxBuilder();
        switch (block)
        {
            case "row":   // a row block in a table in the outer box; the inner box in the row's last cell
                builder.Xml("<w:p>" + box($"<w:tbl>{grid}<w:tr><w:tc><w:p>" + TextRun("{{#each groups}}{{title}}") + "</w:p></w:tc>"
                    + "<w:tc><w:p>" + inner + TextRun("{{/each}}") + "</w:p></w:tc></w:tr></w:tbl><w:p/>") + "</w:p>");
                break;
            case "paragraphs":   // a paragraph block in the outer box
                builder.Xml("<w:p>" + box("<w:p>" + TextRun("{{#each groups}}") + "</w:p><w:p>" + TextRun("{{title}}：") + inner + "</w:p><w:p>" + TextRun("{{/each}}") + "</w:p>") + "</w:p>");
                break;
            default:   // the outer box in a row block of the body
                builder.Xml($"<w:tbl>{grid}<w:tr><w:tc><w:p>" + TextRun("{{#each groups}}{{title}}") + "</w:p></w:tc>"
                    + "<w:tc><w:p>" + box("<w:p>" + TextRun("外") + inner + "</w:p>") + TextRun("{{/each}}") + "</w:p></w:tc></w:tr></w:tbl>");
                break;
        }

        var compiled = DocxTemplate.Compile(builder.Build(), "t.docx", Options());
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        var output = compiled.Template!.Render(Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        Assert.Equal(["框一组", "框二组"], InnerBoxTexts(output));
        // Filled without a schema too: no second fill of the inner box at the root.
        var withoutSchema = DocxTemplate.Compile(builder.Build(), "t.docx", Options(withSchema: false)).Template!;
        Assert.Equal(["框一组", "框二组"], InnerBoxTexts(withoutSchema.Render(Data)));
    }

    [Fact]
    public void ATextBoxInATextBoxOutsideAnyBlockIsFilledAndItsMistakeNamedOnce()
    {
        string Template(string tag) => "<w:p>" + VmlBox("<w:p>" + TextRun("外") + DrawingBox("<w:p>" + TextRun(tag) + "</w:p>") + "</w:p>") + "</w:p>";
        Assert.Equal(["内示例局"], InnerBoxTexts(DocxTemplate.Compile(new DocxBuilder().Xml(Template("内{{name}}")).Build(), "t.docx", Options()).Template!.Render(Data)));

        // The outer box's paragraph is the 2nd, the inner box's the 3rd; the paragraph after the boxes the 4th (it was the 5th:
        // the inner box's paragraph was counted twice).
        var problems = Problems(new DocxBuilder().Xml(Template("内{{nmae}}")).Paragraph("{{amuont}}"));
        Assert.Equal(["t.docx[正文 第3段]: error TPL005: 数据中没有字段“nmae”。 标签：{{nmae}}", "t.docx[正文 第4段]: error TPL005: 数据中没有字段“amuont”。 标签：{{amuont}}"],
            problems.Select(p => p.Format("t.docx")));
    }

    [Fact]
    public void XmlMetacharactersAndBracesInDataArePrintedLiterally()
    {
        Assert.Equal("A<B>&C \"q\" {{amount}} 'x'", Render(new DocxBuilder().Paragraph("{{tricky}}")).Trim());
    }

    [Fact]
    public void ControlCharactersAndLineBreaksInDataKeepTheDocumentValid()
    {
        var data = Tree("""{ "name": "第一行\n第二行\u0001\u0007结束\t制表" }""");
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{name}}").Build(), "t.docx", new TemplateOptions()).Template!;
        var output = compiled.Render(data);
        Assert.Empty(DocxText.ValidationErrors(output));
        Assert.Equal("第一行⏎第二行结束→制表", DocxText.Of(output).Trim());
    }

    [Fact]
    public void LoopRestartsListNumberingPerItem()
    {
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{#each rows restartNumbering=true}}").Numbered("{{name}}").Numbered("第二条").Paragraph("{{/each}}").Build(), "t.docx", Options()).Template!;
        var output = compiled.Render(Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        var ids = document.MainDocumentPart!.Document.Body!.Descendants<NumberingId>().Select(n => n.Val!.Value).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(ids[0], ids[1]);
        Assert.Equal(ids[2], ids[3]);
        Assert.NotEqual(ids[0], ids[2]);
        var restarted = document.MainDocumentPart.NumberingDefinitionsPart!.Numbering.Elements<NumberingInstance>().Single(n => n.NumberID!.Value == ids[2]);
        Assert.Equal(1, restarted.Elements<LevelOverride>().First().StartOverrideNumberingValue!.Val!.Value);
    }

    /// <summary>
    /// A footer with nothing to fill (a page number, typed text) and a numbering part no loop restarted are the template's
    /// own parts in the report, byte for byte: not parsed, copied and written again for every report. The template's parts
    /// are written here in a form the SDK would not write back (line breaks between elements), so a rewrite shows.
    /// </summary>
    [Fact]
    public void PartsWithNothingToFillStayAsTheTemplatesOwn()
    {
        const string footer = "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n  <w:p><w:r><w:t>第 1 页</w:t></w:r></w:p>\n</w:ftr>";
        const string numbering = "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n  <w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>\n  <w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>\n</w:numbering>";
        using var stream = new MemoryStream();
        stream.Write(new DocxBuilder().Paragraph("{{#each rows}}").Numbered("{{name}}").Paragraph("{{/each}}").Header("页眉{{name}}").Footer("旧").Build());
        using (var word = WordprocessingDocument.Open(stream, true))
        {
            word.MainDocumentPart!.FooterParts.Single().FeedData(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(footer)));
            word.MainDocumentPart.NumberingDefinitionsPart!.FeedData(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(numbering)));
        }
        var compiled = DocxTemplate.Compile(stream.ToArray(), "t.docx", Options()).Template!;

        var output = compiled.Render(new Dictionary<string, object?> { ["name"] = "示例局", ["rows"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "甲" } } });

        Assert.Empty(DocxText.ValidationErrors(output));
        using var report = WordprocessingDocument.Open(new MemoryStream(output), false);
        static string Xml(OpenXmlPart part) { using var reader = new StreamReader(part.GetStream()); return reader.ReadToEnd(); }
        var main = report.MainDocumentPart!;
        Assert.Equal(footer, Xml(main.FooterParts.Single()));
        Assert.Equal(numbering, Xml(main.NumberingDefinitionsPart!));
        // The header has a tag: filled and written.
        Assert.Equal("页眉示例局", main.HeaderParts.Single().Header.InnerText);
        Assert.Equal("甲", main.Document.Body!.InnerText);
    }

    [Fact]
    public void LoopPutsPageBreaksBetweenItemsButNotAfterTheLast()
    {
        var text = Render(new DocxBuilder().Paragraph("{{#each rows pageBreak=true}}").Paragraph("{{name}}").Table(["{{amount}}"]).Paragraph("{{/each}}"));
        Assert.Equal("甲\n1.00\n[分页]\n乙\n2.00\n", text);
    }

    [Fact]
    public void RepeatedBookmarksGetUniqueIdsAndNames()
    {
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{#each rows}}").Bookmarked("项目", "{{name}}").Paragraph("{{/each}}").Build(), "t.docx", Options()).Template!;
        var output = compiled.Render(Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        var starts = document.MainDocumentPart!.Document.Descendants<BookmarkStart>().ToList();
        Assert.Equal(["项目", "项目_2"], starts.Select(s => s.Name!.Value));
        Assert.Equal(2, starts.Select(s => s.Id!.Value).Distinct().Count());
    }

    [Fact]
    public void ARepeatedRowKeepsItsRowAndCellPropertiesAndHoldsOnlyWhatWasRendered()
    {
        using var stream = new MemoryStream();
        stream.Write(new DocxBuilder().Table(["{{#each rows}}{{name}}", "{{amount}}{{/each}}"]).Build());
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var row = document.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Single();
            row.PrependChild(new TableRowProperties(new TableRowHeight { Val = 400 }));
            foreach (var (cell, width) in row.Elements<TableCell>().Zip(new[] { "1500", "2500" }))
            {
                cell.TableCellProperties ??= new TableCellProperties();
                cell.TableCellProperties.TableCellWidth = new TableCellWidth { Width = width, Type = TableWidthUnitValues.Dxa };
            }
            // A cell's second template paragraph without tags: it is template content, and rendered as such.
            row.Elements<TableCell>().Last().TableCellProperties!.InsertAfterSelf(new Paragraph(new Run(new Text("注"))));
        }
        var compiled = DocxTemplate.Compile(stream.ToArray(), "t.docx", Options());
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        var output = compiled.Template!.Render(Data);

        Assert.Empty(DocxText.ValidationErrors(output));
        using var result = WordprocessingDocument.Open(new MemoryStream(output), false);
        var rows = result.MainDocumentPart!.Document.Body!.Descendants<TableRow>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("400", r.TableRowProperties!.GetFirstChild<TableRowHeight>()!.Val!.Value.ToString()));
        Assert.All(rows, r => Assert.Equal(["1500", "2500"], r.Elements<TableCell>().Select(c => c.TableCellProperties!.TableCellWidth!.Width!.Value)));
        Assert.Equal([["甲"], ["注", "1.00"]], rows[0].Elements<TableCell>().Select(c => c.Elements<Paragraph>().Select(p => p.InnerText).ToArray()).ToArray());
        Assert.Equal([["乙"], ["注", "2.00"]], rows[1].Elements<TableCell>().Select(c => c.Elements<Paragraph>().Select(p => p.InnerText).ToArray()).ToArray());
    }

    [Fact]
    public void CompileOnceRenderManyTimesInParallel()
    {
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{#each rows}}").Paragraph("{{name}}{{amount}}").Paragraph("{{/each}}").Table(["{{#each rows}}{{name}}", "{{amount}}{{/each}}"]).Build(), "t.docx", Options()).Template!;
        var expected = DocxText.Of(compiled.Render(Data));
        var outputs = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 64, _ => outputs.Add(DocxText.Of(compiled.Render(Data))));
        Assert.All(outputs, o => Assert.Equal(expected, o));
    }

    public static TheoryData<string, Func<DocxBuilder>, string> ErrorCases => new()
    {
        { "unclosed block", () => new DocxBuilder().Heading("一、总体").Paragraph("{{#each rows}}").Paragraph("{{name}}"), TemplateErrors.UnclosedBlock },
        { "close without open", () => new DocxBuilder().Paragraph("{{/each}}"), TemplateErrors.CloseWithoutOpen },
        { "mismatched close", () => new DocxBuilder().Paragraph("{{#each rows}}").Paragraph("{{/if}}"), TemplateErrors.MismatchedClose },
        { "block not alone", () => new DocxBuilder().Paragraph("说明{{#each rows}}").Paragraph("{{/each}}"), TemplateErrors.BlockNotAlone },
        { "unknown field", () => new DocxBuilder().Paragraph("{{nmae}}"), TemplateErrors.UnknownField },
        { "unknown field in loop", () => new DocxBuilder().Paragraph("{{#each rows}}").Paragraph("{{amout}}").Paragraph("{{/each}}"), TemplateErrors.UnknownField },
        { "tag in field code", () => new DocxBuilder().FieldCode(" MERGEFIELD {{name}} "), TemplateErrors.TagInFieldCode },
        { "else outside block", () => new DocxBuilder().Paragraph("{{else}}"), TemplateErrors.ElseOutsideBlock },
        { "syntax error", () => new DocxBuilder().Paragraph("{{name \"unclosed}}"), TemplateErrors.SyntaxError },
        { "unknown helper", () => new DocxBuilder().Paragraph("{{money amount}}"), TemplateErrors.UnknownHelper },
        { "row block never closed", () => new DocxBuilder().Table(["{{#each rows}}{{name}}", "x"], ["y", "z"]), TemplateErrors.RowBlockNotInOneRow },
        { "unknown block option", () => new DocxBuilder().Paragraph("{{#each rows pagebreak=true}}").Paragraph("{{/each}}"), TemplateErrors.UnknownBlockOption },
        { "page break on table rows", () => new DocxBuilder().Table(["{{#each rows pageBreak=true}}{{name}}", "{{amount}}{{/each}}"]), TemplateErrors.UnknownBlockOption },
        { "unterminated tag", () => new DocxBuilder().Paragraph("合计{{amount万元"), TemplateErrors.UnterminatedTag },
        { "unsupported block", () => new DocxBuilder().Paragraph("{{#repeat rows}}").Paragraph("{{/repeat}}"), TemplateErrors.UnsupportedBlock },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void EachProblemHasItsIdLocationAndTag(string name, Func<DocxBuilder> template, string id)
    {
        var problems = Problems(template());
        var problem = Assert.Single(problems, p => p.Id == id);
        Assert.NotNull(problem.Location);
        Assert.StartsWith("正文", problem.Location!.Part);
        Assert.True(problem.Location.Paragraph > 0, name);
        Assert.Contains("{{", problem.Tag + problem.Message);
    }

    [Fact]
    public void ProblemNamesTheNearestHeadingAndTheTableCell()
    {
        var problems = Problems(new DocxBuilder().Heading("二、收入决算情况").Paragraph("正文").Table(["a", "b"], ["c", "{{nope}}"]));
        var problem = Assert.Single(problems);
        Assert.Equal(("二、收入决算情况", 1, 2, 2), (problem.Location!.Heading, problem.Location.Table, problem.Location.Row, problem.Location.Cell));
        Assert.Contains("表格1第2行第2格", problem.Format("t.docx"));
    }

    [Fact]
    public void AllProblemsAreReportedAtOnce()
    {
        var problems = Problems(new DocxBuilder().Paragraph("{{nope}}").Paragraph("{{money x}}").Paragraph("{{#each rows}}"));
        Assert.Equal([TemplateErrors.UnknownField, TemplateErrors.UnknownHelper, TemplateErrors.UnclosedBlock], problems.Select(p => p.Id));
    }

    [Fact]
    public void WithoutASchemaAnUnknownFieldFailsAtRenderWithItsLocation()
    {
        var compiled = DocxTemplate.Compile(new DocxBuilder().Heading("标题").Paragraph("{{missing}}").Build(), "t.docx", new TemplateOptions());
        var failure = Assert.Throws<TemplateRenderException>(() => compiled.Template!.Render(Data));
        var problem = Assert.Single(failure.Problems);
        Assert.Equal(TemplateErrors.RenderFailed, problem.Id);
        Assert.Equal("标题", problem.Location!.Heading);
    }

    [Fact]
    public void AnEnclosingFieldIsFoundTheSameWayInsideAParagraphAndAcrossParagraphs()
    {
        // One scope model: "name" inside a loop is the item's; "部门名称" is not in the item, so the enclosing value's.
        var inline = Render(new DocxBuilder().Paragraph("{{#each rows}}{{name}}-{{部门名称}}-{{../name}}-{{@root.name}}；{{/each}}")).Trim();
        var paragraphs = Render(new DocxBuilder().Paragraph("{{#each rows}}").Paragraph("{{name}}-{{部门名称}}-{{../name}}-{{@root.name}}；").Paragraph("{{/each}}"))
            .Replace("\n", "");
        Assert.Equal("甲-示例县农业农村局-示例局-示例局；乙-示例县农业农村局-示例局-示例局；", inline);
        Assert.Equal(inline, paragraphs);
        Assert.Empty(Problems(new DocxBuilder().Paragraph("{{#each groups}}{{#each items}}{{name}}{{title}}{{../title}}{{/each}}{{/each}}")));
    }

    [Fact]
    public void ElseIfChainsPickTheFirstTrueBranchInlineAndAcrossParagraphs()
    {
        var data = Tree("""{ "rows": [ { "n": 5 }, { "n": 0 }, { "n": -2 } ] }""");
        var options = new TemplateOptions();
        string Fill(DocxBuilder builder)
        {
            var compiled = DocxTemplate.Compile(builder.Build(), "t.docx", options);
            Assert.Empty(compiled.Problems);
            var output = compiled.Template!.Render(data);
            Assert.Empty(DocxText.ValidationErrors(output));
            return DocxText.Of(output).Replace("\n", "");
        }
        Assert.Equal("增加持平减少", Fill(new DocxBuilder().Paragraph("{{#each rows}}{{#if (gt n 0)}}增加{{else if (eq n 0)}}持平{{else}}减少{{/if}}{{/each}}")));
        Assert.Equal("增加持平减少", Fill(new DocxBuilder().Paragraph("{{#each rows}}").Paragraph("{{#if (gt n 0)}}").Paragraph("增加")
            .Paragraph("{{else if (eq n 0)}}").Paragraph("持平").Paragraph("{{else}}").Paragraph("减少").Paragraph("{{/if}}").Paragraph("{{/each}}")));
    }

    [Theory]
    [InlineData("{{#if (gt zero 1)}}是{{else}}否{{/if}}", "否")]
    [InlineData("{{#if (lte zero 0)}}是{{else}}否{{/if}}", "是")]
    [InlineData("{{#if (and flag (not off))}}是{{else}}否{{/if}}", "是")]
    [InlineData("{{#if (or off zero)}}是{{else}}否{{/if}}", "否")]
    [InlineData("{{#if (ne name \"示例局\")}}是{{else}}否{{/if}}", "否")]
    [InlineData("{{#with (lookup rows 1)}}{{name}}{{/with}}", "乙")]
    [InlineData("{{#unless off}}显示{{/unless}}{{^flag}}隐藏{{/flag}}", "显示")]
    [InlineData("甲 {{~name~}} 乙", "甲示例局乙")]
    [InlineData("{{! 注释不输出 }}{{{name}}}", "示例局")]
    [InlineData("{{rows.length}}项，首项{{rows.0.name}}，末项{{rows.[1].name}}", "2项，首项甲，末项乙")]
    [InlineData("{{#each rows}}{{@index}}{{#if @first}}首{{/if}}{{#if @last}}末{{/if}}{{/each}}", "0首1末")]
    public void ExpressionsAreEvaluatedDirectly(string tag, string expected)
    {
        Assert.Equal(expected, Render(new DocxBuilder().Paragraph(tag)).Trim());
    }

    [Fact]
    public void WhereListsTheItemsThatPassItsTestWithFirstAndLastOfThoseListed()
    {
        var data = Tree("""{ "name": "示例局", "rows": [ { "name": "甲", "amount": "3.20" }, { "name": "乙", "amount": "0" }, { "name": "丙", "amount": "42.79" }, { "name": "丁", "amount": "0.00" } ] }""");
        // 000's list of non-zero items: joined by "；", the last ending "。" — the zero items are not listed and do not take the last place.
        var text = Render(new DocxBuilder().Paragraph("{{#each (where rows \"amount\" \"ne\" 0)}}{{name}}{{amount}}万元{{#if @last}}。{{else}}；{{/if}}{{/each}}"), data);
        Assert.Equal("甲3.20万元；丙42.79万元。", text.Trim());
        Assert.Equal("丙", Render(new DocxBuilder().Paragraph("{{#each (where rows \"amount\" \"gt\" 10)}}{{name}}{{/each}}"), data).Trim());
        Assert.Equal("2", Render(new DocxBuilder().Paragraph("{{#with (where rows \"amount\" \"eq\" 0)}}{{length}}{{/with}}"), data).Trim());
        // Across paragraphs, and inside a table row block.
        Assert.Equal("甲\n丙\n", Render(new DocxBuilder().Paragraph("{{#each (where rows \"amount\" \"ne\" 0)}}").Paragraph("{{name}}").Paragraph("{{/each}}"), data));
        Assert.Equal("名称\t金额\n甲\t3.20\n丙\t42.79\n", Render(new DocxBuilder().Table(["名称", "金额"], ["{{#each (where rows \"amount\" \"ne\" 0)}}{{name}}", "{{amount}}{{/each}}"]), data));
    }

    [Theory]
    [InlineData("{{#each (where rows \"amout\" \"ne\" 0)}}{{name}}{{/each}}", "TPL005", "没有字段“amout”")]
    [InlineData("{{#each (where rows \"amount\" \"neq\" 0)}}{{name}}{{/each}}", "TPL", "比较“neq”不可用")]
    [InlineData("{{#each (where rows amount)}}{{name}}{{/each}}", "TPL", "where 的写法")]
    [InlineData("{{#each (where name \"amount\")}}{{name}}{{/each}}", "TPL", "第一个参数须是列表")]
    [InlineData("{{#each (where rows \"amount\" \"ne\" 0)}}{{nmae}}{{/each}}", "TPL005", "nmae")]
    public void AMisusedWhereIsATemplateDiagnostic(string tag, string id, string words)
    {
        var problem = Assert.Single(Problems(new DocxBuilder().Paragraph(tag)));
        Assert.StartsWith(id, problem.Id);
        Assert.Contains(words, problem.Message);
    }

    [Fact]
    public void SumTotalsAColumnAndAnUnknownFigureMakesTheTotalUnknown()
    {
        var data = Tree("""{ "rows": [ { "name": "甲", "amount": "3.20", "money": { "value": 1.25, "isMissing": false } }, { "name": "乙", "amount": "42.79", "money": { "value": 0, "isMissing": false } } ], "gaps": [ { "name": "甲", "amount": "3.20", "money": { "value": 1.25, "isMissing": false } }, { "name": "乙", "amount": "", "money": { "value": 0, "isMissing": true } } ] }""");
        string RenderWithoutSchema(DocxBuilder builder, object tree)
        {
            var compiled = DocxTemplate.Compile(builder.Build(), "t.docx", Options(withSchema: false));
            Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
            return DocxText.Of(compiled.Template!.Render(tree));
        }
        // 3.20 + 42.79 = 45.99; a value object counts by its value: 1.25 + 0 = 1.25.
        Assert.Equal("45.99|1.25", RenderWithoutSchema(new DocxBuilder().Paragraph("{{sum rows \"amount\"}}|{{sum rows \"money\"}}"), data).Trim());
        // 合计 of a column with a blank (a text that is no number, or a figure marked missing) is unknown, not the sum of the rest.
        Assert.Equal("|", RenderWithoutSchema(new DocxBuilder().Paragraph("{{sum gaps \"amount\"}}|{{sum gaps \"money\"}}"), data).Trim());
        Assert.Equal("无", RenderWithoutSchema(new DocxBuilder().Paragraph("{{#if (sum gaps \"money\")}}有{{else}}无{{/if}}"), data).Trim());
        // Over the items where keeps.
        Assert.Equal("42.79", RenderWithoutSchema(new DocxBuilder().Paragraph("{{sum (where rows \"amount\" \"gt\" 10) \"amount\"}}"), data).Trim());
    }

    [Theory]
    [InlineData("{{sum rows \"amout\"}}", "TPL005", "没有字段“amout”")]
    [InlineData("{{sum rows}}", "TPL", "sum 的写法")]
    [InlineData("{{sum name \"amount\"}}", "TPL", "第一个参数须是列表")]
    public void AMisusedSumIsATemplateDiagnostic(string tag, string id, string words)
    {
        var problem = Assert.Single(Problems(new DocxBuilder().Paragraph(tag)));
        Assert.StartsWith(id, problem.Id);
        Assert.Contains(words, problem.Message);
    }

    [Fact]
    public void ComparisonsDoNotDependOnTheMachinesCulture()
    {
        var data = Tree("""{ "rate": 1.5, "flag": true }""");
        var template = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{#if (eq rate \"1.5\")}}A{{/if}}{{#if (eq flag \"true\")}}B{{/if}}{{rate}}").Build(), "t.docx", new TemplateOptions()).Template!;
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");   // a decimal comma
            Assert.Equal("AB1.5", DocxText.Of(template.Render(data)).Trim());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void ARowBlockMaySpanSeveralRows()
    {
        var text = Render(new DocxBuilder().Table(["名称", "金额"], ["{{#each rows}}{{name}}", "{{amount}}"], ["小计", "{{amount}}{{/each}}"]));
        Assert.Equal("名称\t金额\n甲\t1.00\n小计\t1.00\n乙\t2.00\n小计\t2.00\n", text);
    }

    [Theory]
    [InlineData("{{@index}}", TemplateErrors.UnknownField, "只能用在")]
    [InlineData("{{@count}}", TemplateErrors.UnknownField, "不是可用的变量")]
    [InlineData("{{#each rows}}{{nmae}}{{/each}}", TemplateErrors.UnknownField, "当前位置：rows[]")]
    [InlineData("{{#if (gt name)}}x{{/if}}", null, "")]
    [InlineData("{{#if (money name)}}x{{/if}}", TemplateErrors.UnknownHelper, "eq、gt")]
    [InlineData("{{#if a b}}x{{/if}}", TemplateErrors.SyntaxError, "只接受一个参数")]
    [InlineData("{{#if}}x{{/if}}", TemplateErrors.SyntaxError, "缺少参数")]
    [InlineData("{{join list sep=\"、\"}}", TemplateErrors.SyntaxError, "选项")]
    [InlineData("{{#if flag}}a{{else}}b{{else}}c{{/if}}", TemplateErrors.SyntaxError, "只能有一个")]
    [InlineData("{{#if flag}}a{{/each}}", TemplateErrors.MismatchedClose, "")]
    [InlineData("说明{{chart rows}}", TemplateErrors.SyntaxError, "单独占一个段落")]
    public void ExpressionMistakesAreFoundAtCompile(string paragraph, string? id, string message)
    {
        var options = Options();
        options.ElementHelpers["chart"] = new ElementHelperModule(ArgumentShape.Anything, "图表", (_, _, _) => []);
        var problems = DocxTemplate.Compile(new DocxBuilder().Paragraph(paragraph).Build(), "t.docx", options).Problems;
        if (id is null)
        {
            Assert.Empty(problems);
            return;
        }
        var problem = Assert.Single(problems);
        Assert.Equal(id, problem.Id);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void WhatTheCheckerAcceptsRenderFindsAndWhatItRefusesRenderCannotFind()
    {
        // The checker and the renderer share one resolver: every path is either accepted by the
        // checker and found by render, or refused by the checker and missing at render.
        string[] paths = ["name", "../name", "@root.name", "this.name", "rows", "rows.length", "rows.1.name", "部门名称", "nmae", "this.部门名称", "../../name", "items"];
        foreach (var inLoop in new[] { false, true })
            foreach (var path in paths)
            {
                var paragraph = inLoop ? "{{#each rows}}{{" + path + "}}{{/each}}" : "{{" + path + "}}";
                var builder = new DocxBuilder().Paragraph(paragraph);
                var accepted = Problems(builder).Count == 0;
                var unchecked_ = DocxTemplate.Compile(new DocxBuilder().Paragraph(paragraph).Build(), "t.docx", Options(withSchema: false)).Template!;
                var found = true;
                try { unchecked_.Render(Data); }
                catch (TemplateRenderException) { found = false; }
                Assert.True(accepted == found, $"{paragraph}: checker {(accepted ? "accepts" : "refuses")}, render {(found ? "finds" : "does not find")}");
            }
    }

    [Fact]
    public void UsedFieldsAreListed()
    {
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{name}}").Paragraph("{{#each rows}}").Paragraph("{{amount}}").Paragraph("{{/each}}").Build(), "t.docx", Options());
        Assert.Equal(["name", "rows", "rows[].amount"], compiled.UsedFields);
    }
}

public class TemplateEnginePdfTests
{
    [LibreOfficeFact]
    public void RenderedFixtureOpensInLibreOfficeWithAllItsContent()
    {
        using var temp = new TempFolder();
        var data = DataTree.FromJson(JsonDocument.Parse("""{ "name": "示例局", "rows": [ { "name": "甲", "amount": "1.00" }, { "name": "乙", "amount": "2.00" } ] }""").RootElement);
        var template = DocxTemplate.Compile(new DocxBuilder()
            .Heading("一、总体情况").Paragraph("单位：{{name}}")
            .Paragraph("{{#each rows}}").Paragraph("项目{{name}}金额{{amount}}").Paragraph("{{/each}}")
            .Table(["名称", "金额"], ["{{#each rows}}{{name}}", "{{amount}}{{/each}}"])
            .Footer("页脚{{name}}").Build(), "t.docx", new TemplateOptions()).Template!;
        var path = temp.File("rendered.docx");
        File.WriteAllBytes(path, template.Render(data));
        var text = PdfText.Compact(path);
        foreach (var expected in new[] { "一、总体情况", "单位：示例局", "项目甲金额1.00", "项目乙金额2.00", "名称", "页脚示例局" })
            Assert.Contains(expected, text);
    }
}

public class RepeatedChartTests
{
    [Fact]
    public void ChartInALoopIsCopiedPerItemWithUniqueDrawingIds()
    {
        // A template with a native chart inside a paragraph-level loop.
        var template = new DocxBuilder().Paragraph("{{#each rows}}").Paragraph("{{name}}").Paragraph("图表位置").Paragraph("{{/each}}").Build();
        var withChart = WithTemplatesOwnChart(template, new Dictionary<string, object?>
        {
            ["kind"] = "bar", ["seriesName"] = "收支总计",
            ["points"] = new List<object?> { new Dictionary<string, object?> { ["label"] = "2023年", ["value"] = 1m }, new Dictionary<string, object?> { ["label"] = "2024年", ["value"] = 2m } },
        }, "收支总计");
        var data = DataTree.FromJson(JsonDocument.Parse("""{ "rows": [ { "name": "甲" }, { "name": "乙" }, { "name": "丙" } ] }""").RootElement);
        var output = DocxTemplate.Compile(withChart, "chart.docx", new TemplateOptions()).Template!.Render(data);

        Assert.Empty(DocxText.ValidationErrors(output));
        using var result = WordprocessingDocument.Open(new MemoryStream(output), false);
        var references = result.MainDocumentPart!.Document.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ChartReference>().Select(r => r.Id!.Value).ToList();
        Assert.Equal(3, references.Distinct().Count());
        Assert.Equal(3, result.MainDocumentPart.Document.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Select(d => d.Id!.Value).Distinct().Count());
    }

    [Fact]
    public void AChartBuiltOutsideTheEngineIsWrittenWhenItsCallerSavesThePendingParts()
    {
        using var stream = new MemoryStream();
        stream.Write(new DocxBuilder().Paragraph("图表位置").Build());
        using (var document = WordprocessingDocument.Open(stream, true, new OpenSettings { AutoSave = false }))
        {
            var main = document.MainDocumentPart!;
            var services = new RenderServices(main);
            var chart = FinalAccounts.Report.ChartBuilder.Build(new Dictionary<string, object?>
            {
                ["kind"] = "bar",
                ["points"] = new List<object?> { new Dictionary<string, object?> { ["label"] = "2024年", ["value"] = 2m } },
            }, "金额", services).Single();
            main.Document.Body!.Elements<Paragraph>().Single(p => p.InnerText == "图表位置").InsertAfterSelf(chart);
            main.Document.Save();
            services.SavePending();
        }

        using var result = WordprocessingDocument.Open(new MemoryStream(stream.ToArray()), false);
        var part = Assert.Single(result.MainDocumentPart!.ChartParts);
        Assert.Contains("2024年", part.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.CategoryAxisData>().Single().InnerText);
        Assert.Equal("2", part.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.Values>().Single().Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>().Single().Text);
        Assert.Empty(DocxText.ValidationErrors(stream.ToArray()));
    }

    private static Dictionary<string, object?> ThinSlicesPie() => new()
    {
        ["kind"] = "pie",
        ["points"] = new (string Label, decimal Value, string Percent)[] { ("甲", 7303.6m, "92.76"), ("乙", 520m, "6.61"), ("丙", 38m, "0.48"), ("丁", 12m, "0.15") }
            .Select(s => (object?)new Dictionary<string, object?> { ["label"] = s.Label, ["value"] = s.Value, ["percent"] = s.Percent }).ToList(),
    };

    /// <summary>
    /// A caller that builds a pie on a document of its own, writes the pending parts, then sizes its charts (ChartHeight.Apply)
    /// gets the labels of thin slices placed for that size, as before charts were written as text: a chart already written
    /// is no draft any more, so it is changed in its part (it was given the size as a draft nobody would write again).
    /// </summary>
    [Fact]
    public void APieSizedAfterItsCallerWroteThePendingPartsHasItsLabelsPlaced()
    {
        using var stream = new MemoryStream();
        stream.Write(new DocxBuilder().Paragraph("图表位置").Build());
        using (var document = WordprocessingDocument.Open(stream, true, new OpenSettings { AutoSave = false }))
        {
            var main = document.MainDocumentPart!;
            var services = new RenderServices(main);
            var chart = FinalAccounts.Report.ChartBuilder.Build(ThinSlicesPie(), "收入", services).Single();
            main.Document.Body!.Elements<Paragraph>().Single(p => p.InnerText == "图表位置").InsertAfterSelf(chart);
            services.SavePending();
            FinalAccounts.Report.ChartHeight.Apply(document);
            main.Document.Save();
        }

        Assert.Empty(DocxText.ValidationErrors(stream.ToArray()));
        using var result = WordprocessingDocument.Open(new MemoryStream(stream.ToArray()), false);
        var labels = Assert.Single(result.MainDocumentPart!.ChartParts).ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.DataLabel>().ToList();
        Assert.Equal(4, labels.Count);
        Assert.Contains(labels, l => l.GetFirstChild<DocumentFormat.OpenXml.Drawing.Charts.Layout>()!.GetFirstChild<DocumentFormat.OpenXml.Drawing.Charts.ManualLayout>() is not null);
    }

    /// <summary>
    /// A caller that builds a chart on a document of its own opened with AutoSave and closes it without writing the pending
    /// parts gets the chart, not an empty chart part (which Word refuses to open): it was written by AutoSave before charts
    /// were written as text.
    /// </summary>
    [Fact]
    public void AChartBuiltOnADocumentClosedWithAutoSaveIsNotAnEmptyPart()
    {
        using var stream = new MemoryStream();
        stream.Write(new DocxBuilder().Paragraph("图表位置").Build());
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var main = document.MainDocumentPart!;
            var chart = FinalAccounts.Report.ChartBuilder.Build(ThinSlicesPie(), "收入", new RenderServices(main)).Single();
            main.Document.Body!.Elements<Paragraph>().Single(p => p.InnerText == "图表位置").InsertAfterSelf(chart);
        }

        Assert.Empty(DocxText.ValidationErrors(stream.ToArray()));
        using var result = WordprocessingDocument.Open(new MemoryStream(stream.ToArray()), false);
        var space = Assert.Single(result.MainDocumentPart!.ChartParts).ChartSpace;
        Assert.NotNull(space);
        Assert.Equal(["92.76%", "6.61%", "0.48%", "0.15%"], space.Descendants<DocumentFormat.OpenXml.Drawing.Charts.DataLabel>().Select(l => l.InnerText));
    }

    /// <summary>
    /// A chart's part is written as text: its legend, categories and share labels hold markup characters and characters
    /// outside the basic plane as the data has them (escaped where XML needs it, never broken XML).
    /// </summary>
    [Theory]
    [InlineData("bar")]
    [InlineData("pie")]
    public void AChartsWordsAreWrittenAsXmlHoldsThem(string kind)
    {
        var template = new DocxBuilder().Paragraph("{{chart c \"收&支<总>计\"}}").Build();
        var data = new Dictionary<string, object?>
        {
            ["c"] = new Dictionary<string, object?>
            {
                ["kind"] = kind,
                ["points"] = new List<object?>
                {
                    new Dictionary<string, object?> { ["label"] = "A&B<C>\"D\"", ["value"] = 3m, ["percent"] = "75.00" },
                    new Dictionary<string, object?> { ["label"] = "扩展区汉字𠀀", ["value"] = 1m, ["percent"] = "25.00" },
                },
            },
        };
        var output = DocxTemplate.Compile(template, "chart.docx", FinalAccounts.Report.ReportTemplate.Options(null)).Template!.Render(data);

        Assert.Empty(DocxText.ValidationErrors(output));
        using var result = WordprocessingDocument.Open(new MemoryStream(output), false);
        var chart = Assert.Single(result.MainDocumentPart!.ChartParts).ChartSpace;
        var categories = chart.Descendants<DocumentFormat.OpenXml.Drawing.Charts.CategoryAxisData>().Single()
            .Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>().Select(v => v.Text).ToList();
        Assert.Equal(["A&B<C>\"D\"", "扩展区汉字𠀀"], categories);
        Assert.Equal("收&支<总>计", chart.Descendants<DocumentFormat.OpenXml.Drawing.Charts.SeriesText>().Single().Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>().Single().Text);
        Assert.Equal(["3", "1"], chart.Descendants<DocumentFormat.OpenXml.Drawing.Charts.Values>().Single()
            .Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>().Select(v => v.Text));
        var labels = chart.Descendants<DocumentFormat.OpenXml.Drawing.Charts.DataLabel>().Select(l => l.InnerText).ToList();
        Assert.Equal(kind == "pie" ? ["75.00%", "25.00%"] : [], labels);
    }

    /// <summary>
    /// A pie the report makes is written after its height is set for its page, with the labels of thin neighbouring slices
    /// placed for that size (0.48% beside 0.15%): what <see cref="FinalAccounts.Report.PieLabels.Offsets"/> gives for the
    /// drawn size, and at their usual place for the slices that have room.
    /// </summary>
    [Fact]
    public void APiesLabelsArePlacedForTheSizeItIsDrawnAt()
    {
        var template = new DocxBuilder().Paragraph("{{chart c \"收入\"}}").Build();
        (string Label, decimal Value, string Percent)[] slices = [("甲", 7303.6m, "92.76"), ("乙", 520m, "6.61"), ("丙", 38m, "0.48"), ("丁", 12m, "0.15")];
        var data = new Dictionary<string, object?>
        {
            ["c"] = new Dictionary<string, object?>
            {
                ["kind"] = "pie",
                ["points"] = slices.Select(s => (object?)new Dictionary<string, object?> { ["label"] = s.Label, ["value"] = s.Value, ["percent"] = s.Percent }).ToList(),
            },
        };
        var output = DocxTemplate.Compile(template, "pie.docx", FinalAccounts.Report.ReportTemplate.Options(null)).Template!.Render(data);

        Assert.Empty(DocxText.ValidationErrors(output));
        using var result = WordprocessingDocument.Open(new MemoryStream(output), false);
        var extent = result.MainDocumentPart!.Document.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Extent>().Single();
        var expected = FinalAccounts.Report.PieLabels.Offsets(slices.Select(s => s.Value).ToList(), slices.Select(s => s.Percent + "%").ToList(),
            extent.Cx!.Value / 360_000.0, extent.Cy!.Value / 360_000.0);
        Assert.Contains(expected, o => o != (0, 0));
        var labels = Assert.Single(result.MainDocumentPart.ChartParts).ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.DataLabel>().ToList();
        Assert.Equal(slices.Length, labels.Count);
        foreach (var label in labels)
        {
            var manual = label.GetFirstChild<DocumentFormat.OpenXml.Drawing.Charts.Layout>()!.GetFirstChild<DocumentFormat.OpenXml.Drawing.Charts.ManualLayout>();
            var placed = manual is null ? (0.0, 0.0) : (manual.Left!.Val!.Value, manual.Top!.Val!.Value);
            Assert.Equal(expected[(int)label.Index!.Val!.Value], placed);
        }
    }

    /// <summary>
    /// The template with one of its own charts where its paragraph 图表位置 was (by default a bar, series 模板自带, one point
    /// 2024年 = 2), made as the report makes charts; <paramref name="around"/> wraps it (a content control).
    /// </summary>
    private static byte[] WithTemplatesOwnChart(byte[] template, Dictionary<string, object?>? chartData = null, string title = "模板自带",
        Func<DocumentFormat.OpenXml.OpenXmlElement, DocumentFormat.OpenXml.OpenXmlElement>? around = null)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var main = document.MainDocumentPart!;
            var services = new RenderServices(main);
            var chart = FinalAccounts.Report.ChartBuilder.Build(chartData ?? new Dictionary<string, object?>
            {
                ["kind"] = "bar",
                ["points"] = new List<object?> { new Dictionary<string, object?> { ["label"] = "2024年", ["value"] = 2m } },
            }, title, services).Single();
            var placeholder = main.Document.Body!.Descendants<Paragraph>().Single(p => p.InnerText == "图表位置");
            placeholder.InsertAfterSelf(around?.Invoke(chart) ?? chart);
            placeholder.Remove();
            services.SavePending();
        }
        return stream.ToArray();
    }

    [Fact]
    public void ChartMadeByATagInALoopBesideTheTemplatesOwnChartIsWrittenWhole()
    {
        // A loop body holding one of the template's charts (so each item's charts are copied) and a {{chart}} tag:
        // the tag's chart is made for its item and written when rendering is done, never copied before it is written.
        var template = new DocxBuilder().Paragraph("{{#each rows}}").Paragraph("图表位置").Paragraph("{{chart this.chart \"金额\"}}").Paragraph("{{/each}}").Build();
        var withChart = WithTemplatesOwnChart(template);
        var data = DataTree.FromJson(JsonDocument.Parse("""
            { "rows": [
              { "chart": { "kind": "bar", "points": [ { "label": "甲", "value": 1 } ] } },
              { "chart": { "kind": "pie", "points": [ { "label": "乙", "value": 2 }, { "label": "丙", "value": 3 } ] } } ] }
            """).RootElement);
        var output = DocxTemplate.Compile(withChart, "chart.docx", FinalAccounts.Report.ReportTemplate.Options(null)).Template!.Render(data);

        Assert.Empty(DocxText.ValidationErrors(output));
        using var result = WordprocessingDocument.Open(new MemoryStream(output), false);
        var main2 = result.MainDocumentPart!;
        var charts = main2.Document.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ChartReference>()
            .Select(r => (DocumentFormat.OpenXml.Packaging.ChartPart)main2.GetPartById(r.Id!.Value!)).ToList();
        Assert.Equal(4, charts.Select(c => c.Uri).Distinct().Count());
        // Each chart holds its own series name and labels: the template's, 甲, the template's again, 乙 and 丙 — none is an empty part.
        var labels = charts.Select(c => string.Join("/", c.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.StringPoint>().Select(p => p.InnerText))).ToList();
        Assert.Equal(["模板自带/2024年", "金额/甲", "模板自带/2024年", "金额/乙/丙"], labels);
    }

    [Fact]
    public void ChartsInARowRepeatedByARowBlockAreEachRowsOwn()
    {
        // A row block ({{#each rows}} at the start of the first cell, {{/each}} at the end of the last) whose row holds a
        // {{chart}} tag and one of the template's own charts: each filled row points at charts of its own.
        var template = new DocxBuilder().Table(["{{#each rows}}{{name}}", "{{chart this.chart \"金额\"}}", "图表位置", "{{/each}}"]).Build();
        var withChart = WithTemplatesOwnChart(template);
        var data = DataTree.FromJson(JsonDocument.Parse("""
            { "rows": [
              { "name": "甲", "chart": { "kind": "bar", "points": [ { "label": "甲", "value": 1 } ] } },
              { "name": "乙", "chart": { "kind": "bar", "points": [ { "label": "乙", "value": 2 } ] } },
              { "name": "丙", "chart": { "kind": "pie", "points": [ { "label": "丙", "value": 3 }, { "label": "丁", "value": 4 } ] } } ] }
            """).RootElement);
        var compiled = DocxTemplate.Compile(withChart, "chart.docx", FinalAccounts.Report.ReportTemplate.Options(null));
        Assert.Empty(compiled.Problems.Select(p => p.Format("chart.docx")));
        var output = compiled.Template!.Render(data);

        Assert.Empty(DocxText.ValidationErrors(output));
        using var result = WordprocessingDocument.Open(new MemoryStream(output), false);
        var main2 = result.MainDocumentPart!;
        var rows = main2.Document.Body!.Descendants<TableRow>().ToList();
        Assert.Equal(["甲", "乙", "丙"], rows.Select(r => r.Elements<TableCell>().First().InnerText));
        string Chart(DocumentFormat.OpenXml.Drawing.Charts.ChartReference reference)
        {
            var part = (ChartPart)main2.GetPartById(reference.Id!.Value!);
            var labels = part.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.StringPoint>().Select(p => p.InnerText);
            var values = part.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.Values>().SelectMany(v => v.Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>()).Select(v => v.Text);
            return $"{part.Uri} {string.Join("/", labels)}={string.Join("/", values)}";
        }
        var charts = rows.Select(r => r.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ChartReference>().Select(Chart).ToList()).ToList();
        // Each row: its item's chart (its own labels and values), then the template's chart (the same data, a part of its own).
        Assert.All(charts, c => Assert.Equal(2, c.Count));
        Assert.Equal(["金额/甲=1", "金额/乙=2", "金额/丙/丁=3/4"], charts.Select(c => c[0][(c[0].IndexOf(' ') + 1)..]));
        Assert.All(charts, c => Assert.EndsWith(" 模板自带/2024年=2", c[1]));
        Assert.Equal(6, charts.SelectMany(c => c).Select(c => c[..c.IndexOf(' ')]).Distinct().Count());
        Assert.Equal(6, main2.Document.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Select(d => d.Id!.Value).Distinct().Count());
    }

    [Fact]
    public void AChartInAContentControlRepeatedByALoopIsEachItemsOwn()
    {
        // A content control (w:sdt) around a chart's paragraph is copied as it is; in a loop each item still gets its own part.
        var template = new DocxBuilder().Paragraph("{{#each rows}}").Paragraph("图表位置").Paragraph("{{/each}}").Build();
        var withChart = WithTemplatesOwnChart(template, around: chart => new SdtBlock(new SdtProperties(new SdtId { Val = 5 }), new SdtContentBlock(chart)));
        var data = DataTree.FromJson(JsonDocument.Parse("""{ "rows": [ { "name": "甲" }, { "name": "乙" }, { "name": "丙" } ] }""").RootElement);
        var output = DocxTemplate.Compile(withChart, "chart.docx", new TemplateOptions()).Template!.Render(data);

        Assert.Empty(DocxText.ValidationErrors(output));
        using var result = WordprocessingDocument.Open(new MemoryStream(output), false);
        var main2 = result.MainDocumentPart!;
        var references = main2.Document.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ChartReference>().Select(r => r.Id!.Value!).ToList();
        Assert.Equal(3, main2.Document.Body!.Elements<SdtBlock>().Count());
        Assert.Equal(3, references.Select(id => main2.GetPartById(id).Uri).Distinct().Count());
    }
}

/// <summary>
/// Whatever a maintainer types between braces, compile answers with diagnostics and never throws;
/// a template that compiles renders or fails with a TPL020 — never another exception.
/// </summary>
public class TemplateSyntaxFuzzTests
{
    private static readonly string[] Pieces =
    [
        "{{", "}}", "{{{", "}}}", "#each ", "#if ", "#unless ", "#with ", "^", "/each", "/if", "/with", "else", "else if ", "~", "!", "--",
        "rows", "name", "amount", "this", "../", "@root.", "@index", "@last", "(", ")", "(eq ", "(gt ", "join ", "\"", "'", "=", "pageBreak=true",
        " ", ".", "[0]", "length", "文字", "\n", "\t",
    ];

    [Fact]
    public void RandomTagTextIsAlwaysADiagnosticOrAReport()
    {
        var json = JsonDocument.Parse("""{ "name": "甲", "amount": 1, "rows": [ { "name": "乙", "amount": 2 } ] }""").RootElement;
        var data = DataTree.FromJson(json);
        var random = new Random(20261122);
        var compiled = 0;
        for (var i = 0; i < 400; i++)
        {
            string Text() => string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            var builder = new DocxBuilder();
            for (var p = random.Next(1, 5); p > 0; p--)
                _ = random.Next(3) switch
                {
                    0 => builder.Table([Text(), Text()], [Text(), Text()]),
                    _ => builder.Paragraph(Text()),
                };
            var options = new TemplateOptions();
            options.Helpers["join"] = args => string.Join("、", args);
            options.Schema = i % 2 == 0 ? DataSchema.FromJson(json) : null;   // checked against the data, or only at render
            var result = DocxTemplate.Compile(builder.Build(), "fuzz.docx", options);   // must not throw
            Assert.True(result.Template is not null == (result.Problems.Count == 0));
            Assert.All(result.Problems, p => Assert.Matches("^TPL0[0-3][0-9]$", p.Id));
            if (result.Template is null)
                continue;
            compiled++;
            try
            {
                Assert.Empty(DocxText.ValidationErrors(result.Template.Render(data)));
            }
            catch (TemplateRenderException failure)
            {
                Assert.All(failure.Problems, p => Assert.Equal(TemplateErrors.RenderFailed, p.Id));
            }
        }
        Assert.InRange(compiled, 20, 400);   // the corpus reaches render too, not only the diagnostics
    }
}
