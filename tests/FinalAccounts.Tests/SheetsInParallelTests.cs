using FinalAccounts.Input;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// Where one report is made at a time, a workbook's worksheets are read by two threads. Whatever the workbook holds, that
/// must give exactly what reading them in order gives: the same grid and findings, or the same refusal naming the same
/// place, or the same hand-over to the XmlReader pass or to ExcelDataReader.
/// </summary>
public class SheetsInParallelTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public void EverySampleReadsTheSameTwoAtOnce()
    {
        var samples = Directory.GetFiles(Path.Combine(Repo.Root, "input-samples"), "*.xlsx");
        Assert.True(samples.Length >= 5);
        foreach (var path in samples)
        {
            var bytes = File.ReadAllBytes(path);
            var before = XlsxGridReader.ReadInParallel;
            var together = Outcome(bytes, spareCore: true);
            Assert.True(XlsxGridReader.ReadInParallel > before, $"{Path.GetFileName(path)} was not read two at once");
            Assert.StartsWith("read", together);
            Assert.Equal(Outcome(bytes, spareCore: false), together);
        }
    }

    [Fact]
    public void TheWholeReaderGivesTheSameModelTwoAtOnce()
    {
        var path = Path.Combine(Repo.Root, "input-samples", "sample-county-agriculture-2024.xlsx");
        var inOrder = WorkbookReader.Read(path);
        var together = WorkbookReader.Read(path, spareCore: true);
        Assert.NotNull(together.Workbook);
        Assert.Equal(inOrder.Diagnostics.Select(d => d.Format("")), together.Diagnostics.Select(d => d.Format("")));
        string Trace(FinalAccounts.Model.FinalAccountsWorkbook workbook) =>
            string.Join("\n", FinalAccounts.Calculation.ModelTrace.Lines(FinalAccounts.Calculation.ReportCalculator.Calculate(workbook, FinalAccounts.Calculation.CalculationSettings.Default).Model));
        Assert.Equal(Trace(inOrder.Workbook!), Trace(together.Workbook!));
    }

    public static TheoryData<string, string, string> Troubles => new()
    {
        // the first sheet in order that the scan cannot read decides; the second sheet is read first (it is the largest)
        { "unknown cell types in two sheets", Cell("A1", "1", type: "x1"), Cell("A1", "2", type: "x2") + Filler },
        { "a damaged sheet after a good one", Cell("A1", "1"), "<c r=\"A1\"><v>1</v>" + Filler },
        { "cells outside Excel's grid in two sheets", Cell("A2000000", "1"), Cell("XFE1", "2") + Filler },
        { "too long text in two sheets, then a type to hand over", Cell("A1", new string('长', 40_000), type: "inlineStr"),
            Cell("A1", new string('短', 33_000), type: "inlineStr") + Cell("B1", "1", type: "x") + Filler },
    };

    [Theory]
    [MemberData(nameof(Troubles))]
    public void ATroubledSheetGivesTheSameOutcomeTwoAtOnce(string what, string second, string third)
    {
        var bytes = Package(Cell("A1", "甲"), second, third);
        var inOrder = Outcome(bytes, spareCore: false);
        Assert.False(inOrder.StartsWith("read", StringComparison.Ordinal), inOrder);
        Assert.True(inOrder == Outcome(bytes, spareCore: true), $"{what}: {inOrder}");
    }

    [Fact]
    public void TextPastTheWorkbookLimitSplitAcrossSheetsIsRefusedWhereReadingInOrderRefusesIt()
    {
        // Each sheet alone is within the limit, together they are past it: the count joins in sheet order, and the refusal
        // names the cell reading in order stops at.
        var cells = (int)(InputLimits.MaxWorkbookChars / InputLimits.MaxCellChars / 2 + 2);
        string Sheet(char c) => string.Concat(Enumerable.Range(1, cells).Select(r => Cell($"A{r}", new string(c, InputLimits.MaxCellChars), type: "inlineStr")));
        var bytes = Package(Cell("A1", "甲"), Sheet('b'), Sheet('c'));
        var together = Outcome(bytes, spareCore: true);
        Assert.StartsWith("refused", together);
        Assert.Contains("丙", together);
        Assert.Equal(Outcome(bytes, spareCore: false), together);
    }

    private static string Filler => string.Concat(Enumerable.Range(2, 300).Select(r => Cell($"A{r}", r.ToString())));

    private static string Cell(string at, string value, string? type = null) => type switch
    {
        null => $"<c r=\"{at}\"><v>{value}</v></c>",
        "inlineStr" => $"<c r=\"{at}\" t=\"inlineStr\"><is><t>{value}</t></is></c>",
        _ => $"<c r=\"{at}\" t=\"{type}\"><v>{value}</v></c>",
    };

    private static string Outcome(byte[] package, bool spareCore)
    {
        var findings = new List<FinalAccounts.Model.Diagnostic>();
        try
        {
            var sheets = XlsxGridReader.Read(new MemoryStream(package, writable: false), new CellGuard(), findings, spareCore: spareCore);
            return "read\n" + GridDump.Of(sheets!) + string.Join("\n", findings.Select(f => f.Format("")));
        }
        catch (NotUnderstoodException ex)
        {
            return "handed to ExcelDataReader: " + ex.Message;
        }
        catch (InputLimitException ex)
        {
            return "refused: " + ex.Finding.Format("") + " " + ex.Finding.Location;
        }
    }

    /// <summary>A workbook of three sheets (甲, 乙, 丙) whose rows hold the given cells, one row each unless the cells say.</summary>
    private static byte[] Package(params string[] sheetCells)
    {
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
            ["xl/workbook.xml"] = $"<workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + string.Concat(sheetCells.Select((_, i) => $"<sheet name=\"{"甲乙丙"[i]}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>")) + "</sheets></workbook>",
            ["xl/_rels/workbook.xml.rels"] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + string.Concat(sheetCells.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))
                + "</Relationships>",
        };
        for (var i = 0; i < sheetCells.Length; i++)
            parts[$"xl/worksheets/sheet{i + 1}.xml"] = $"<worksheet xmlns=\"{Main}\"><sheetData>"
                + string.Concat(sheetCells[i].Split("</c>", StringSplitOptions.RemoveEmptyEntries).Select(c => $"<row>{c}</c></row>")) + "</sheetData></worksheet>";
        return PartScannerTests.Zipped(parts);
    }
}
