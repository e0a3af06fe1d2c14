using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;
using FinalAccounts.Calculation;
using FinalAccounts.Input;
using FinalAccounts.Model;
using FinalAccounts.Report;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 14: the 文字 sheet's named texts ({{text "名称"}}) and the 表格… sheets ({{userTable "名称"}}).
/// Expected values are the sample builder's own (Samples/SampleSupplements.cs, SampleWorkbook.ScoreTable), checked by hand.
/// </summary>
public class NamedTextAndUserTableTests
{
    private const string ScoreTable = "部门整体支出绩效评价评分表";

    private static CompiledReportTemplate Default() => CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", "default")).Template!;

    private static (ReportModel Model, IReadOnlyList<Diagnostic> Findings) Calculate(string workbook, TemplateNeeds? needs = null)
    {
        var stage = ReportPipeline.Calculate(workbook, CalculationSettings.Default, needs: needs);
        return (stage.Model!, stage.Findings);
    }

    private static string OneText(params string[] lines) => string.Join("\n", lines);

    // ---- reading the 文字 sheet ----

    [Fact]
    public void CellLinesBecomeParagraphsWithTheirOutlineLevels()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx)
            .Set("文字", "C2", "一、总体情况\r\n（一）收入\r\n1.本年收入稳定。\r\n（1）财政拨款。\r\n①上级补助。\r\n\r\n1.5万元用于培训。\n二、下一步打算\u2029继续努力。")
            .Save(temp.File("levels.xlsx"));
        var (model, _) = Calculate(path);
        var text = model.Texts.Single(t => t.Name == "重点工作完成情况");
        Assert.Equal(
            [("一、总体情况", 1), ("（一）收入", 2), ("1.本年收入稳定。", 3), ("（1）财政拨款。", 4), ("①上级补助。", 4),
             ("1.5万元用于培训。", 0), ("二、下一步打算", 1), ("继续努力。", 0)],
            text.Paragraphs.Select(p => (p.Text, p.Level)));
        Assert.False(text.IsMissing);
    }

    [Fact]
    public void KnownMarkersPrintTheReportsFiguresAndDocumentNumbersStayLiteral()
    {
        var (model, findings) = Calculate(Repo.SampleXlsx);
        var paragraphs = model.Texts.Single(t => t.Name == "重点工作完成情况").Paragraphs.Select(p => p.Text).ToList();
        // 〔本年支出合计〕 and 〔一般公共预算财政拨款支出〕: 公开01表 F34 and 公开05表 C7 of the sample, as the text prints them.
        Assert.Contains("1.全年粮食播种面积稳定在28.6万亩。全年本年支出合计7745.60万元，其中一般公共预算财政拨款支出7218.00万元。", paragraphs);
        Assert.Equal("7745.60", model.Expenditure.Total.Current.Text);
        Assert.Contains(paragraphs, p => p.Contains("（示委办发〔2024〕3号）"));
        Assert.DoesNotContain(findings, f => f.Id == Phrasing.UnknownMarkerId);
    }

    [Fact]
    public void MarkersByFieldPathAndByChineseNameAgree()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx)
            .Set("文字", "C2", "〔本年收入合计〕=〔income.total.current〕；〔决算年度〕；〔generalBudget.shareOfExpenditure〕%")
            .Save(temp.File("paths.xlsx"));
        var (model, _) = Calculate(path);
        var line = model.Texts.Single(t => t.Name == "重点工作完成情况").Paragraphs.Single().Text;
        var income = model.Income.Total.Current.Text;
        Assert.Equal($"{income}={income}；2024；{model.GeneralBudget.ShareOfExpenditure.Text}%", line);
    }

    [Fact]
    public void AnUnknownMarkerIsAPlaceholderAndAFindingAtItsCell()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Set("文字", "C2", "本年共〔本年收入总和〕万元。").Save(temp.File("unknown.xlsx"));
        var built = ReportWriter.Build(path, Default());
        var finding = Assert.Single(built.Findings, f => f.Id == Phrasing.UnknownMarkerId);
        Assert.Equal("文字!C2", finding.Location!.ToString());
        Assert.Contains("〔本年收入总和〕", finding.Message);
        Assert.Contains("重点工作完成情况", finding.Message);   // the heading its mark stands under
        Assert.Contains("本年共【待填写：〔本年收入总和〕】万元。", DocxText.Of(built.Document!));
        Assert.Empty(DocxText.ValidationErrors(built.Document!));
    }

    // ---- missing texts and tables ----

    [Fact]
    public void ATextTheTemplateNamesAndTheWorkbookLacksIsAPlaceholderAndAFinding()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Set("文字", "A2", "别的文字").Save(temp.File("no-text.xlsx"));
        var built = ReportWriter.Build(path, Default());
        Assert.NotNull(built.Document);
        var text = DocxText.Of(built.Document!);
        Assert.Contains("三、2024年重点工作完成情况\n【待填写：文字“重点工作完成情况”】\n", text);
        var finding = Assert.Single(built.Findings, f => f.Id == Phrasing.MissingTextId);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("报告“三、2024年重点工作完成情况”中显示待填写标记", finding.Message);
        Assert.Empty(DocxText.ValidationErrors(built.Document!));
    }

    [Fact]
    public void AProjectWithoutItsTextGetsItsOwnPlaceholder()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Set("文字", "B4", "不存在的项目").Save(temp.File("no-project-text.xlsx"));
        var built = ReportWriter.Build(path, Default());
        var finding = Assert.Single(built.Findings, f => f.Id == Phrasing.MissingTextId);
        Assert.Contains("项目“农业生产发展项目”", finding.Message);
        Assert.Contains("【待填写：文字“项目绩效评价报告”（项目“农业生产发展项目”）】", DocxText.Of(built.Document!));
    }

    [Fact]
    public void ATableTheTemplateNamesAndTheWorkbookLacksIsAPlaceholderAndAFinding()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        editor.Sheet("表格 " + ScoreTable).Name = "表格 别的表";
        var built = ReportWriter.Build(editor.Save(temp.File("no-table.xlsx")), Default());
        Assert.NotNull(built.Document);
        Assert.Contains($"{ScoreTable}\n【待填写：表格“{ScoreTable}”】\n", DocxText.Of(built.Document!));
        Assert.Contains(built.Findings, f => f.Id == Phrasing.MissingUserTableId && f.Message.Contains(ScoreTable));
        Assert.Empty(DocxText.ValidationErrors(built.Document!));
    }

    [Fact]
    public void AWorkbookWithoutTheNewSheetsValidatesAndReadsAsBefore()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Remove("文字").Remove("表格 " + ScoreTable).Save(temp.File("old.xlsx"));
        var built = ReportWriter.Build(path, Default());
        Assert.Empty(built.Findings.Select(f => f.Format("old")));   // no 缺少工作表, no CALC011/012: nothing the old report printed is missing
        var text = DocxText.Of(built.Document!);
        Assert.DoesNotContain("重点工作完成情况", text);
        Assert.DoesNotContain("待填写", text);
    }

    // ---- user tables ----

    [Fact]
    public void AUserTableIsReadAsEnteredWithItsMergedHeader()
    {
        var (model, _) = Calculate(Repo.SampleXlsx);
        var table = Assert.Single(model.UserTables);
        Assert.Equal((ScoreTable, "分", 6, false), (table.Name, table.Unit, table.ColumnCount, table.IsMissing));
        Assert.Equal(2, table.HeaderRows.Count);
        Assert.Equal([("绩效指标", 3, ""), ("指标分值", 1, "restart"), ("计分标准", 1, "restart"), ("自评得分", 1, "restart")],
            table.HeaderRows[0].Cells.Select(c => (c.Text, c.ColumnSpan, c.VerticalMerge)));
        Assert.Equal(["一级指标", "二级指标", "三级指标", "", "", ""], table.HeaderRows[1].Cells.Select(c => c.Text));
        Assert.Equal(5, table.Rows.Count);
        // 分: 7.5 stays 7.5 and 8 stays 8; "/" is printed as entered; a blank score is blank, not 0.
        Assert.Equal(["部门预算管理（28分）", "预算编制（8分）", "目标制定", "8", "绩效目标要素完整的，得8分，否则酌情扣分。", "7.5"], table.Rows[0].Cells.Select(c => c.Text));
        Assert.Equal("restart", table.Rows[0].Cells[0].VerticalMerge);
        Assert.Equal("continue", table.Rows[1].Cells[0].VerticalMerge);
        Assert.Equal(("/", false), (table.Rows[2].Cells[5].Text, table.Rows[2].Cells[5].IsNumber));
        Assert.Equal(("", false), (table.Rows[3].Cells[5].Text, table.Rows[3].Cells[5].IsNumber));
        Assert.Equal([("合计", 3), ("40", 1), ("", 1), ("22.5", 1)], table.Rows[4].Cells.Select(c => (c.Text, c.ColumnSpan)));
    }

    [Theory]
    [InlineData("单位：元", "76980000", "76,980,000.00")]     // 元 stays 元: no silent division
    [InlineData("金额单位：万元", "1234.5", "1,234.50")]
    [InlineData("单位：%", "95.5", "95.50")]
    [InlineData("单位：分", "9.50", "9.5")]
    [InlineData(null, "3.25", "3.25")]
    public void NumbersPrintInTheSheetsDeclaredUnit(string? unitLine, string number, string printed)
    {
        var (view, findings) = OneTable(unitLine, decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(printed, view.Rows.Single().Cells[1].Text);
        Assert.True(view.Rows.Single().Cells[1].IsNumber);
        Assert.DoesNotContain(findings, f => f.Id == InputIds.UserTableUnitUnknown);
    }

    [Fact]
    public void AnUnknownUnitIsAWarningAndTheNumberPrintsAsEntered()
    {
        var (view, findings) = OneTable("单位：千元", 12.5m);
        Assert.Equal("12.5", view.Rows.Single().Cells[1].Text);
        var finding = Assert.Single(findings, f => f.Id == InputIds.UserTableUnitUnknown);
        Assert.Equal("表格 测试!A1", finding.Location!.ToString());
    }

    [Fact]
    public void AHugeUserTableIsCutToWhatWordHoldsWithAWarning()
    {
        var sheet = new RawSheet("表格 大表");
        for (var c = 1; c <= 70; c++)
            sheet.Set(new RawCell(1, c, $"列{c}", null));
        for (var r = 2; r <= 2_100; r++)
            sheet.Set(new RawCell(r, 1, "行", null));
        var read = WorkbookReader.Read("big.xlsx", [sheet]);
        var table = Assert.Single(read.Workbook!.UserTables);
        Assert.Equal((63, 2_000), (table.ColumnCount, table.Rows.Count));
        Assert.Contains(read.Diagnostics, f => f.Id == InputIds.UserTableTooLarge && f.Severity == Severity.Warning);
    }

    [Fact]
    public void TwoTablesOfOneNameAreNamedAndTheFirstIsUsed()
    {
        var first = new RawSheet("表格 评分表");
        first.Set(new RawCell(1, 1, "第一张", null));
        var second = new RawSheet("表格-评分表");
        second.Set(new RawCell(1, 1, "第二张", null));
        var read = WorkbookReader.Read("two.xlsx", [first, second]);
        Assert.Equal("表格 评分表", Assert.Single(read.Workbook!.UserTables).Sheet.Name);
        Assert.Contains(read.Diagnostics, f => f.Id == InputIds.NameTwice && f.Location!.Sheet == "表格-评分表");
    }

    [Fact]
    public void ASerialNumberColumnPrintsAsTypedInAMoneyTable()
    {
        // 002's 收入表 in 元: 序号 1 is "1", the amount 7047418.83 is "7,047,418.83" — the old extra-table path printed "1.00".
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var sheet = new SheetContent("表格 收入表");
        sheet.Set(1, 1, "单位：元");
        sheet.Row(2, 1, "序号", "类别", "年初预算数");
        sheet.Row(3, 1, 1, "一般公共预算财政拨款收入", 7047418.83m);
        sheet.Row(4, 1, 2, "政府性基金预算财政拨款收入", 0m);
        editor.Sheets.Add(sheet);
        var (model, _) = Calculate(editor.Save(temp.File("serial.xlsx")));
        var table = model.UserTables.Single(t => t.Name == "收入表");
        Assert.Equal(["1", "一般公共预算财政拨款收入", "7,047,418.83"], table.Rows[0].Cells.Select(c => c.Text));
        Assert.Equal(["2", "政府性基金预算财政拨款收入", "0.00"], table.Rows[1].Cells.Select(c => c.Text));
    }

    private static (UserTableView View, IReadOnlyList<Diagnostic> Findings) OneTable(string? unitLine, decimal number)
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var sheet = new SheetContent("表格 测试");
        var row = 1;
        if (unitLine is not null)
            sheet.Set(row++, 1, unitLine);
        sheet.Row(row, 1, "项目", "金额");
        sheet.Row(row + 1, 1, "某项", number);
        editor.Sheets.Add(sheet);
        var (model, findings) = Calculate(editor.Save(temp.File("unit.xlsx")));
        return (model.UserTables.Single(t => t.Name == "测试"), findings);
    }

    // ---- the report ----

    [Fact]
    public void TheReportHasTheTextsParagraphsInOrderWithTheOutlineStylesAndTheTableMerged()
    {
        var built = ReportWriter.Build(Repo.SampleXlsx, Default());
        Assert.Empty(DocxText.ValidationErrors(built.Document!));
        using var document = WordprocessingDocument.Open(new MemoryStream(built.Document!), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().ToList();
        var start = paragraphs.FindIndex(p => p.InnerText == "一、农业生产稳定发展");
        string? Style(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        (string Prefix, string? Style)[] expected =
        [
            ("一、农业生产稳定发展", "TextHeading1"), ("（一）粮食生产", "TextHeading2"), ("1.全年粮食播种面积", "TextHeading3"),
            ("（1）落实耕地地力保护补贴", "TextItem"), ("（2）推广良种良法", "TextItem"), ("2.完成高标准农田建设", "TextHeading3"),
            ("（二）农业防灾减灾", "TextHeading2"), ("重大病虫害统防统治", null), ("二、乡村建设有序推进", "TextHeading1"), ("按照《示例县", null),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith(expected[i].Prefix, paragraphs[start + i].InnerText);
            Assert.Equal(expected[i].Style, Style(paragraphs[start + i]));
        }
        Assert.Equal("Heading2", Style(paragraphs[start - 1]));   // 三、2024年重点工作完成情况 is the template's heading

        var table = body.Elements<Table>().Single(t => t.InnerText.StartsWith("绩效指标"));
        var rows = table.Elements<TableRow>().ToList();
        Assert.Equal(7, rows.Count);
        Assert.All(rows.Take(2), r => Assert.NotNull(r.TableRowProperties?.GetFirstChild<TableHeader>()));
        Assert.Equal(3, rows[0].Elements<TableCell>().First().TableCellProperties!.GridSpan!.Val!.Value);
        Assert.Equal(MergedCellValues.Restart, rows[0].Elements<TableCell>().ElementAt(1).TableCellProperties!.VerticalMerge!.Val!.Value);
        Assert.Equal(MergedCellValues.Restart, rows[2].Elements<TableCell>().First().TableCellProperties!.VerticalMerge!.Val!.Value);
        // The table sits in 附件1 after the self-evaluation report's text, under its title.
        Assert.Equal("示例县农业农村局部门整体支出绩效评价评分表", ((Paragraph)table.PreviousSibling()!).InnerText);
    }

    [Fact]
    public void ATemplateWithoutTheOutlineStylesEmphasisesHeadingsAndIndentsSubItems()
    {
        var heading = NamedTextBuilder.Paragraph("一、总体情况", 1, null, new HashSet<string>());
        var item = NamedTextBuilder.Paragraph("（1）财政拨款", 4, null, new HashSet<string>());
        var body = NamedTextBuilder.Paragraph("正文", 0, new ParagraphProperties(new ParagraphStyleId { Val = "Plain" }), new HashSet<string>());
        Assert.NotNull(heading.Descendants<Bold>().SingleOrDefault());
        Assert.Equal("640", item.ParagraphProperties!.Indentation!.Left!.Value);
        Assert.Equal("Plain", body.ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Empty(body.Descendants<Bold>());
    }

    // ---- template check ----

    [Theory]
    [InlineData("{{text}}", "TPL008")]
    [InlineData("{{text 重点工作}}", "TPL008")]
    [InlineData("{{userTable}}", "TPL008")]
    [InlineData("{{txet \"重点工作完成情况\"}}", "TPL009")]
    [InlineData("{{text department.name \"重点工作完成情况\"}}", "TPL013")]
    [InlineData("{{userTable texts \"评分表\"}}", "TPL013")]
    [InlineData("见下：{{text \"重点工作完成情况\"}}", "TPL008")]
    public void AMisusedTagIsFoundByTemplateCheck(string paragraph, string id)
    {
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph(paragraph).Build(), "t.docx", ReportTemplate.Options(ReportTemplate.ViewModelSchema));
        Assert.Null(compiled.Template);
        Assert.Contains(compiled.Problems, p => p.Id == id);
    }

    [Fact]
    public void TheTemplateTellsWhichNamesItPlacesAndWhere()
    {
        var loaded = ReportTemplate.Load(Path.Combine(Repo.Root, "templates", "default"), ReportTemplate.Options(ReportTemplate.ViewModelSchema));
        Assert.Equal(["部门整体绩效评价报告", "部门整体绩效评价报告（续）", "重点工作完成情况"], loaded.Needs.Texts.Order(StringComparer.Ordinal));
        Assert.Equal(["项目绩效评价报告"], loaded.Needs.ProjectTexts);
        Assert.Equal([ScoreTable], loaded.Needs.Tables);
    }

    // ---- hostile input ----

    [Fact]
    public void AMegabyteCellIsRefusedAtItsCellWithoutACrash()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Set("文字", "C2", "一、很长的文字\n" + new string('长', 1_000_000)).Save(temp.File("huge.xlsx"));
        var built = ReportWriter.Build(path, Default());
        var finding = Assert.Single(built.Findings, f => f.Id == InputIds.TextTooLong);
        Assert.Equal(("文字!C2", Severity.Error), (finding.Location!.ToString(), finding.Severity));
        Assert.Null(built.Document);   // as for any cell beyond Excel's own limit: a pasting slip, said where
    }

    [Fact]
    public void ControlCharactersAreRemovedWithAWarningAndTheReportIsValid()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Set("文字", "C3", "一、概况\u0001\u0007\n正文\u001b内容。").Save(temp.File("control.xlsx"));
        var built = ReportWriter.Build(path, Default());
        Assert.Contains(built.Findings, f => f.Id == InputIds.CharactersRemoved && f.Location!.ToString() == "文字!C3");
        Assert.NotNull(built.Document);
        Assert.Empty(DocxText.ValidationErrors(built.Document!));
        Assert.Contains("高标准农田建设项目绩效评价报告\n一、概况\n正文内容。\n", DocxText.Of(built.Document!));
    }
}
