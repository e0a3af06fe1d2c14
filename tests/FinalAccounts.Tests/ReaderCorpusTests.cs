using FinalAccounts.Input;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Workbooks as other tools save them. On each the fast .xlsx reader gives exactly ExcelDataReader's
/// grid (<see cref="GridDump.AssertSame"/>), or — where ExcelDataReader 3.6 itself misreads the file —
/// the test says how and why the fast reader differs; what the fast reader does not understand goes
/// to ExcelDataReader instead of being misread.
/// </summary>
public class ReaderCorpusTests
{
    private const string Numbers = "<sheetData>"
        + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>金额</t></is></c><c r=\"B1\"><v>1064.5</v></c></row>"
        + "</sheetData>";

    private static string Row(int r, string cells, string attributes = "") => $"<row r=\"{r}\"{attributes}>{cells}</row>";

    private static string Inline(string reference, string text) => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";

    [LibreOfficeFact]
    public void SavedByLibreOfficeReadsTheSame()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx)
            .MapNumbers("公开03表", 7, d => d.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture))
            .Set("填表说明", "A40", "控制字符_x0041_与<&>\"");
        editor.Sheet("国有资产").Hidden = true;
        var saved = LibreOfficeSave.As(editor.Save(temp.File("built.xlsx")), "xlsx", Directory.CreateDirectory(temp.File("lo")).FullName);

        var package = XlsxPackage.Load(saved);
        Assert.Contains("xl/sharedStrings.xml", package.Parts.Keys);   // LibreOffice writes every text as a shared string
        Assert.Contains("Calc", package.Text("xl/workbook.xml"));
        GridDump.AssertSame(saved);
        Assert.Empty(ValidateCommand.Validate(saved).Select(f => f.Format("lo.xlsx")));
    }

    [LibreOfficeFact]
    public void RowsLibreOfficeHidesAreHiddenForTheFastReader()
    {
        // LibreOffice writes hidden="true" and customHeight="true"; ExcelDataReader 3.6 parses those
        // attributes as integers and sees every row visible. Hidden rows are read as usual either way
        // (docs: 隐藏行照常读取), so the grids differ in the hidden-row list only.
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        editor.Sheet("公开06表").HiddenRows.Add(9);
        var saved = LibreOfficeSave.As(editor.Save(temp.File("hidden.xlsx")), "xlsx", Directory.CreateDirectory(temp.File("lo")).FullName);

        Assert.Contains("hidden=\"true\"", XlsxPackage.Load(saved).Text(XlsxPackage.Load(saved).SheetPart("公开06表")));
        var fast = GridDump.ByFastReader(saved);
        Assert.Contains("[公开06表] hidden=False rows=9" + Environment.NewLine, fast);
        Assert.Equal(GridDump.ByExcelDataReader(saved), fast.Replace("[公开06表] hidden=False rows=9", "[公开06表] hidden=False rows="));
    }

    [Fact]
    public void RichTextSharedStringsReadAsTheirRunsWithoutPhoneticText()
    {
        using var temp = new TempFolder();
        var rich = XlsxPackage.Load(Repo.SampleXlsx).ToSharedRichText().Save(temp.File("rich.xlsx"));

        Assert.Contains("<rPh", XlsxPackage.Load(rich).Text("xl/sharedStrings.xml"));
        GridDump.AssertSame(rich);
        Assert.Equal(GridDump.ByFastReader(Repo.SampleXlsx), GridDump.ByFastReader(rich));
    }

    [Fact]
    public void RichInlineStringsAndSharedStringsReadTheSame()
    {
        using var temp = new TempFolder();
        var book = new RawWorkbook().Sheet("表", "<sheetData>"
            + Row(1, "<c r=\"A1\" t=\"inlineStr\"><is><r><rPr><b/></rPr><t>一般公共</t></r><r><t xml:space=\"preserve\">预算 </t></r><rPh sb=\"0\" eb=\"2\"><t>イッパン</t></rPh></is></c>"
                     + "<c r=\"B1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>_x000D_换行</t></is></c>")
            + "</sheetData>");
        book.SharedStrings.Add("<r><t>基本</t></r><r><rPr><i/></rPr><t>支出</t></r><rPh sb=\"0\" eb=\"2\"><t>キホン</t></rPh><phoneticPr fontId=\"0\"/>");
        book.SharedStrings.Add("<t>项目支出</t><rPh sb=\"0\" eb=\"2\"><t>コウモク</t></rPh>");
        var path = book.Save(temp.File("inline.xlsx"));

        GridDump.AssertSame(path);
        var grid = GridDump.ByFastReader(path);
        Assert.Contains("1,1 一般公共预算  ", grid);
        Assert.Contains("1,2 基本支出 ", grid);
        Assert.Contains("1,3 项目支出 ", grid);
        Assert.DoesNotContain("イ", grid);
    }

    [Fact]
    public void IsoDateCellsAreRead()
    {
        using var temp = new TempFolder();
        var path = new RawWorkbook().Sheet("基本信息", "<sheetData>"
            + Row(1, Inline("A1", "填报日期") + "<c r=\"B1\" t=\"d\"><v>2025-03-31</v></c>")
            + Row(2, Inline("A2", "带时间") + "<c r=\"B2\" t=\"d\"><v>2025-03-31T09:30:00</v></c>")
            + "</sheetData>").Save(temp.File("dates.xlsx"));

        GridDump.AssertSame(path);
        Assert.Contains("1,2 2025-03-31 " + Environment.NewLine, GridDump.ByFastReader(path));
    }

    [Theory]
    [InlineData(null, "2023-03-15", "1900-01-01", "1900-02-28")]
    [InlineData("1", "2027-03-16", "1904-01-02", "1904-02-29")]   // 1904 was a leap year
    public void DateSerialsFollowTheWorkbooksDateSystem(string? date1904, string serial45000, string serial1, string serial59)
    {
        using var temp = new TempFolder();
        var path = new RawWorkbook
        {
            Date1904 = date1904,
            Styles = "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
                     + "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\" applyNumberFormat=\"0\"/></cellXfs>",
        }.Sheet("表", "<sheetData>"
            + Row(1, "<c r=\"A1\" s=\"1\"><v>45000</v></c><c r=\"B1\" s=\"2\"><v>1</v></c><c r=\"C1\" s=\"1\"><v>59</v></c><c r=\"D1\" s=\"3\"><v>45000</v></c><c r=\"E1\"><v>45000</v></c>")
            + "</sheetData>").Save(temp.File("dates.xlsx"));

        GridDump.AssertSame(path);
        Assert.Equal($"[表] hidden=False rows={Environment.NewLine}1,1 {serial45000} {Environment.NewLine}1,2 {serial1} {Environment.NewLine}1,3 {serial59} {Environment.NewLine}"
                     + $"1,4 45000 45000{Environment.NewLine}1,5 45000 45000{Environment.NewLine}", GridDump.ByFastReader(path));
    }

    [Fact]
    public void RowsHiddenByZeroHeightOrTheHiddenFlag()
    {
        using var temp = new TempFolder();
        var path = new RawWorkbook().Sheet("表", "<sheetFormatPr defaultRowHeight=\"15\"/><sheetData>"
            + Row(1, Inline("A1", "可见"))
            + Row(2, Inline("A2", "高度为0"), " ht=\"0\" customHeight=\"1\"")
            + Row(3, Inline("A3", "隐藏"), " hidden=\"1\"")
            + Row(4, Inline("A4", "隐藏且有高度"), " hidden=\"1\" ht=\"20\" customHeight=\"1\"")
            + Row(5, Inline("A5", "高度为0但未自定义"), " ht=\"0\"")
            + Row(6, Inline("A6", "正常高度"), " ht=\"20\" customHeight=\"1\"")
            + "</sheetData>").Save(temp.File("hidden.xlsx"));

        GridDump.AssertSame(path);
        Assert.StartsWith("[表] hidden=False rows=2,3,4" + Environment.NewLine, GridDump.ByFastReader(path));
    }

    [Fact]
    public void BooleansNumbersStoredAsTextAndStringFormulaResultsReadTheSame()
    {
        using var temp = new TempFolder();
        var book = new RawWorkbook().Sheet("表", "<sheetData>"
            + Row(1, "<c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>0</v></c>" + Inline("D1", " 1,064.50 ")
                     + "<c r=\"E1\" t=\"str\"><f>TEXT(1,\"0\")</f><v>1</v></c><c r=\"F1\"><f>1+1</f><v>2</v></c><c r=\"G1\" t=\"n\"><v>3.25</v></c>")
            + "</sheetData>");
        book.SharedStrings.Add("<t>2,130.00</t>");
        var path = book.Save(temp.File("values.xlsx"));

        GridDump.AssertSame(path);
        var grid = GridDump.ByFastReader(path);
        foreach (var expected in new[] { "1,1 TRUE ", "1,2 FALSE ", "1,3 2,130.00 ", "1,4  1,064.50  ", "1,5 1 ", "1,6 2 2", "1,7 3.25 3.25" })
            Assert.Contains(expected + Environment.NewLine, grid);
    }

    [Fact]
    public void AnErrorValueIsKeptAndReportedNotReadAsZero()
    {
        // ExcelDataReader 3.6 returns null for a t="e" cell: an amount showing #N/A would read as a blank, i.e. 0.
        // The fast reader keeps the error's text, so the amount is reported (IN020) at its cell.
        using var temp = new TempFolder();
        var path = XlsxPackage.Load(Repo.SampleXlsx)
            .SetCell("公开02表", "C7", "e", XlsxPackage.F("VLOOKUP(A7,Z:Z,2,0)"), XlsxPackage.V("#N/A"))
            .Save(temp.File("error.xlsx"));

        var fast = GridDump.ByFastReader(path);
        Assert.Contains("7,3 #N/A " + Environment.NewLine, fast);
        Assert.Equal(GridDump.ByExcelDataReader(path), fast.Replace("7,3 #N/A " + Environment.NewLine, ""));
        Assert.Contains(ValidateCommand.Validate(path), f => f.Id == "IN020" && f.Location?.Address == "C7" && f.Location.Sheet == "公开02表");
    }

    [Fact]
    public void StrictWorkbookIsReadNotTakenForEmptySheets()
    {
        using var temp = new TempFolder();
        var strict = XlsxPackage.Load(Repo.SampleXlsx).ToSharedRichText().ToStrict().Save(temp.File("strict.xlsx"));

        Assert.Contains("purl.oclc.org/ooxml/spreadsheetml/main", XlsxPackage.Load(strict).Text("xl/workbook.xml"));
        // ExcelDataReader 3.6 knows only the Transitional namespace and finds no sheet at all.
        Assert.DoesNotContain("公开01表", GridDump.ByExcelDataReader(strict));
        Assert.Equal(GridDump.ByFastReader(Repo.SampleXlsx), GridDump.ByProduct(strict));
        Assert.Empty(ValidateCommand.Validate(strict).Select(f => f.Format("strict.xlsx")));
    }

    [Fact]
    public void StrictDatesAndDate1904AreRead()
    {
        using var temp = new TempFolder();
        var path = new RawWorkbook { Strict = true, Date1904 = "true", Styles = "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>" }
            .Sheet("表", "<sheetData>" + Row(1, "<c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" t=\"d\"><v>2025-03-31</v></c>" + Inline("C1", "文字"), " hidden=\"1\"") + "</sheetData>")
            .Save(temp.File("strict.xlsx"));

        Assert.Equal($"[表] hidden=False rows=1{Environment.NewLine}1,1 1904-01-01 {Environment.NewLine}1,2 2025-03-31 {Environment.NewLine}1,3 文字 {Environment.NewLine}",
            GridDump.ByProduct(path));
    }

    [Fact]
    public void XlsSampleReadsAsTheXlsxSample()
    {
        // The .xls copy is the .xlsx sample saved by LibreOffice as Excel 97 (BIFF8), read by ExcelDataReader.
        Assert.Equal(GridDump.ByFastReader(Repo.SampleXlsx), GridDump.ByProduct(Repo.SampleXls));
    }

    [Theory]
    [InlineData("unknown cell type")]
    [InlineData("workbook in another namespace")]
    [InlineData("sheet in another namespace")]
    [InlineData("styles not well-formed")]
    public void WhatTheFastReaderDoesNotUnderstandGoesToExcelDataReader(string change)
    {
        using var temp = new TempFolder();
        var package = XlsxPackage.Load(Repo.SampleXlsx);
        switch (change)
        {
            case "unknown cell type":
                package.SetCell("公开02表", "C7", "x", XlsxPackage.V("150.5"));
                break;
            case "workbook in another namespace":
                package.SetText("xl/workbook.xml", package.Text("xl/workbook.xml").Replace("xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"", "xmlns:x=\"urn:example:sheets\""));
                break;
            case "sheet in another namespace":
                var part = package.SheetPart("公开02表");
                package.SetText(part, package.Text(part).Replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "urn:example:sheets"));
                break;
            case "styles not well-formed":
                package.SetText("xl/styles.xml", package.Text("xl/styles.xml").Replace("</x:styleSheet>", ""));
                break;
        }
        var path = package.Save(temp.File("odd.xlsx"));

        Assert.True(GridDump.FastReaderDeclines(path));
        var (sheets, problem, _) = ExcelGridReader.ReadWithFindings(path);
        if (problem is null)
            Assert.Equal(GridDump.ByExcelDataReader(path), GridDump.Of(sheets));
        else
            Assert.Equal(InputIds.Corrupt, problem.Id);   // ExcelDataReader cannot read it either: damaged, never half-read
    }

    [Theory]
    [InlineData("stray far cell", "IN042")]
    [InlineData("shared string past the cell limit", "IN043")]
    [InlineData("shared string in thousands of runs", "IN043")]
    [InlineData("inline string in thousands of runs", "IN043")]
    public void FallingBackNeverLiftsTheInputLimits(string crafted, string id)
    {
        // An unknown cell type sends the file to ExcelDataReader, which visits every field of the used
        // range and joins string runs one by one: what the fast reader bounds cheaply must stay bounded.
        using var temp = new TempFolder();
        var package = XlsxPackage.Load(Repo.SampleXlsx).SetCell("公开02表", "H7", "x", XlsxPackage.V("1"));
        var manyRuns = string.Concat(Enumerable.Repeat("<r><t>字</t></r>", 5_000));
        switch (crafted)
        {
            case "stray far cell":
                package.SetCell("公开03表", "XFD1048576", null, XlsxPackage.V("1"));
                break;
            case "shared string past the cell limit":
                package.WithSharedStrings(new string('a', 1_000_000)).SetCell("基本信息", "B3", "s", XlsxPackage.V("0"));
                break;
            case "shared string in thousands of runs":
                package.WithSharedStrings("占位").SetText("xl/sharedStrings.xml", package.Text("xl/sharedStrings.xml").Replace("<t xml:space=\"preserve\">占位</t>", manyRuns))
                    .SetCell("基本信息", "B3", "s", XlsxPackage.V("0"));
                break;
            case "inline string in thousands of runs":
                var part = package.SheetPart("基本信息");
                package.SetCell("基本信息", "B3", "inlineStr", XlsxPackage.Inline("占位"));
                // The sheets of the sample write the spreadsheet namespace with the prefix x.
                package.SetText(part, package.Text(part).Replace("<x:t xml:space=\"preserve\">占位</x:t>", manyRuns.Replace("<", "<x:").Replace("<x:/", "</x:")));
                break;
        }
        var path = package.Save(temp.File("crafted.xlsx"));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (_, problem) = ExcelGridReader.Read(path);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"reading took {clock.Elapsed}");
        Assert.Equal(id, problem?.Id);
    }
}
