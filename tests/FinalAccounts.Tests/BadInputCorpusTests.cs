using System.IO.Compression;
using FinalAccounts.Calculation;
using FinalAccounts.Input;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Workbooks finance staff (or a broken export, or a hostile file) can hand the product. Each case is
/// generated here, run through `generate`, and must give its diagnostic id, a non-zero exit, no
/// report, and leave the input byte for byte as it was.
/// </summary>
public class BadInputCorpusTests
{
    public sealed record Case(string Name, string Id, Func<TempFolder, string> Build)
    {
        public override string ToString() => $"{Id} {Name}";
    }

    private static Func<TempFolder, string> Edit(Action<WorkbookEditor> change, string extension = ".xlsx") => temp =>
    {
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        change(editor);
        return editor.Save(temp.File("case" + extension));
    };

    private static Func<TempFolder, string> Bytes(Func<byte[]> bytes, string name = "case.xlsx") => temp =>
    {
        var path = temp.File(name);
        File.WriteAllBytes(path, bytes());
        return path;
    };

    private static Action<WorkbookEditor> Set(string sheet, string cell, object? value) => e => e.Set(sheet, cell, value);

    private static Action<WorkbookEditor> ClearRow(string sheet, int row) => e =>
    {
        foreach (var key in e.Sheet(sheet).Cells.Keys.Where(k => k.Row == row).ToList())
            e.Sheet(sheet).Cells.Remove(key);
    };

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open());
                writer.Write(content);
            }
        return stream.ToArray();
    }

    /// <summary>A 250 MB sheet that compresses to a few hundred KB.</summary>
    private static byte[] ZipBomb()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
                writer.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)' ');
            for (var i = 0; i < 250; i++)
                sheet.Write(block);
        }
        return stream.ToArray();
    }

    public static TheoryData<Case> Cases()
    {
        var cases = new List<Case>
        {
            // files that are not (readable) workbooks
            new("empty file", "IN001", Bytes(() => [])),
            new("plain text named .xlsx", "IN002", Bytes(() => "部门决算"u8.ToArray())),
            new("PNG picture named .xlsx", "IN002", Bytes(() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])),
            new("random bytes named .xls", "IN002", Bytes(() => Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251)).ToArray(), "case.xls")),
            new("encrypted workbook", "IN003", temp => { var p = temp.File("case.xlsx"); File.Copy(Path.Combine(Repo.Root, "tests", "FinalAccounts.Tests", "Fixtures", "encrypted.xlsx"), p); return p; }),
            new("truncated .xlsx", "IN004", Bytes(() => File.ReadAllBytes(Repo.SampleXlsx)[..20000])),
            new("truncated .xls", "IN004", Bytes(() => File.ReadAllBytes(Repo.SampleXls)[..30000], "case.xls")),
            new("zip that is not a workbook", "IN002", Bytes(() => Zip(("hello.txt", "not a workbook")))),
            new("zip bomb", "IN005", Bytes(ZipBomb)),
            // sheets missing, renamed beyond recognition, doubled
            new("公开01表 missing", "IN010", Edit(e => e.Remove("公开01表"))),
            new("公开02表 missing", "IN010", Edit(e => e.Remove("公开02表"))),
            new("公开03表 missing", "IN010", Edit(e => e.Remove("公开03表"))),
            new("公开04表 missing", "IN010", Edit(e => e.Remove("公开04表"))),
            new("公开05表 missing", "IN010", Edit(e => e.Remove("公开05表"))),
            new("公开06表 missing", "IN010", Edit(e => e.Remove("公开06表"))),
            new("公开09表 missing", "IN010", Edit(e => e.Remove("公开09表"))),
            new("title and number of 公开05表 erased", "IN010", Edit(e => e.Set("公开05表", "A1", null).Set("公开05表", "E2", null))),
            new("公开05表 twice", "IN011", Edit(e => { e.Sheets.Add(SheetContent.FromRaw(ExcelGridReader.Read(Repo.SampleXlsx).Sheets.Single(s => s.Name == "公开05表")).With(s => s.Name = "复制的表")); })),
            new("基本信息 missing", "IN030", Edit(e => e.Remove("基本信息"))),
            // headers
            new("公开03表 header erased", "IN012", Edit(e => { ClearRow("公开03表", 4)(e); ClearRow("公开03表", 5)(e); })),
            new("公开01表 项目 headers erased", "IN012", Edit(e => e.Set("公开01表", "A5", null).Set("公开01表", "D5", "名称"))),
            new("公开06表 科目代码 headers erased", "IN012", Edit(ClearRow("公开06表", 5))),
            new("公开09表 预算数/决算数 erased", "IN012", Edit(e => e.Set("公开09表", "A4", null).Set("公开09表", "G4", null))),
            new("unit 千元 in 公开02表", "IN014", Edit(Set("公开02表", "I3", "金额单位：千元"))),
            new("unit 亿元 in 公开03表", "IN014", Edit(Set("公开03表", "H3", "单位：亿元"))),
            // text in amount cells
            new("words in 公开01表 amount", "IN020", Edit(Set("公开01表", "C7", "七千三百万"))),
            new("letters in 公开02表 amount", "IN020", Edit(Set("公开02表", "D10", "abc"))),
            new("N/A in 公开03表 amount", "IN020", Edit(Set("公开03表", "D22", "N/A"))),
            new("approximate 公开04表 amount", "IN020", Edit(Set("公开04表", "G16", "约99"))),
            new("two decimal points in 公开05表", "IN020", Edit(Set("公开05表", "C10", "1.2.3"))),
            new("word in 公开06表 amount", "IN020", Edit(Set("公开06表", "C8", "工资"))),
            new("letter in 公开07表 amount", "IN020", Edit(Set("公开07表", "D10", "x"))),
            new("Chinese numeral in 公开09表", "IN020", Edit(Set("公开09表", "G8", "十九"))),
            // absurd values
            new("1e20 in 公开03表", "IN024", Edit(Set("公开03表", "D22", 1e20m))),
            new("1e15 元 in a 元 table", "IN024", Edit(e => e.Set("公开02表", "I3", "金额单位：元").MapNumbers("公开02表", 7, d => d * 10000m).Set("公开02表", "C7", 1e17m))),
            new("negative amount breaking the sums", "CHK011", Edit(Set("公开03表", "E22", -35.6m))),
            // merged, hidden, formulas, codes
            new("merged amount cells", "CHK011", Edit(e => e.Sheet("公开03表").Merge(22, 3, 22, 4).Set(22, 4, null))),   // Excel keeps only the first value
            new("hidden row with a wrong amount", "CHK022", Edit(e => { e.Sheet("公开03表").HiddenRows.Add(22); e.Add("公开03表", "C22", 5m).Add("公开03表", "D22", 5m); })),
            new("formula without cached value", "CHK020", Edit(Set("公开03表", "C7", new Formula("SUM(C8,C12,C16,C19,C28)")))),
            new("typo in a 项 code", "CHK022", Edit(Set("公开03表", "A22", "21301X"))),
            new("a 项 moved under another 款", "CHK022", Edit(Set("公开03表", "A22", "2210204"))),
            // reconciliation
            new("公开01表 total off", "CHK001", Edit(e => e.Add("公开01表", "C34", 1))),
            new("公开04表 total off", "CHK030", Edit(e => e.Add("公开04表", "C34", 1))),
            new("公开09表 total off", "CHK050", Edit(e => e.Add("公开09表", "A8", 1))),
            new("公开03表 without rows", "CHK064", Edit(e => { for (var r = 7; r <= 30; r++) ClearRow("公开03表", r)(e); })),
            new("procurement 小微 above 中小", "CHK081", Edit(Set("政府采购", "B7", 2000m))),
            new("机关运行经费 not 公用经费", "CHK083", Edit(e => e.Add("基本信息", "B6", 10))),
            // supplementary sheets
            new("部门名称 blank", "IN031", Edit(Set("基本信息", "B2", null))),
            new("年度 in words", "IN032", Edit(Set("基本信息", "B3", "二〇二四"))),
            new("year 19", "IN032", Edit(Set("基本信息", "B3", 19))),
            new("unit type not offered", "IN033", Edit(Set("基本信息", "B4", "机关"))),
            new("prior-year figure as text", "IN032", Edit(Set("上年数", "B2", "约7862万"))),
            new("procurement amount as text", "IN032", Edit(Set("政府采购", "B3", "一百万"))),
            new("vehicle count in words", "IN032", Edit(Set("国有资产", "B2", "六"))),
            new("fractional 人次", "IN032", Edit(Set("三公经费", "B7", 12.5m))),
            new("unknown fund kind", "IN033", Edit(Set("项目资金", "B2", "自筹"))),
            new("unknown indicator nature", "IN033", Edit(Set("绩效指标", "E2", "≠"))),
        };
        var data = new TheoryData<Case>();
        foreach (var c in cases)
            data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheFindingsAreTheSameWhetherTheSheetsAreReadTwoAtOnceOrInOrder(Case c)
    {
        // With a core to spare the sheets are read two at once: a bad workbook must come to exactly the same findings, and
        // no model, either way.
        using var temp = new TempFolder();
        var input = c.Build(temp);
        var inOrder = ReportPipeline.Calculate(input, CalculationSettings.Default);
        var beside = ReportPipeline.Calculate(input, CalculationSettings.Default, spareCore: true);
        Assert.Null(inOrder.Model);
        Assert.Null(beside.Model);
        Assert.Contains(inOrder.Findings, f => f.Id == c.Id);
        Assert.Equal(inOrder.Findings.Select(f => f.Format("case")), beside.Findings.Select(f => f.Format("case")));
    }

    [Fact]
    public void EverySampleCalculatesTheSameFromSheetsReadTwoAtOnce()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(Repo.Root, "input-samples")))
        {
            var inOrder = ReportPipeline.Calculate(path, CalculationSettings.Default);
            var beside = ReportPipeline.Calculate(path, CalculationSettings.Default, spareCore: true);
            Assert.Equal(inOrder.Findings.Select(f => f.Format("s")), beside.Findings.Select(f => f.Format("s")));
            Assert.NotNull(beside.Model);
            Assert.Equal(ModelTrace.Lines(inOrder.Model!), ModelTrace.Lines(beside.Model!));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInputIsRejectedWithItsIdAndNothingIsWritten(Case c)
    {
        using var temp = new TempFolder();
        var input = c.Build(temp);
        var before = File.ReadAllBytes(input);
        var output = new StringWriter();
        var report = temp.File("report.docx");

        var exit = GenerateCommand.Run(input, Path.Combine(Repo.Root, "templates", "default"), report, pdf: false, trace: false, output);

        Assert.True(exit != 0, output.ToString());
        Assert.Contains($" {c.Id}: ", output.ToString());
        Assert.DoesNotContain("   at ", output.ToString());
        Assert.False(File.Exists(report), "a report was written for a bad workbook");
        Assert.Empty(Directory.GetFiles(temp.Path, "*.docx"));
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void CorpusHasAtLeastFiftyCases() => Assert.True(((IEnumerable<object[]>)Cases()).Count() >= 50);

    [Fact]
    public void HundredThousandRowSheetIsCheckedInBoundedTime()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var sheet = editor.Sheet("公开03表");
        for (var row = 0; row < 100_000; row++)
            sheet.Row(31 + row, 1, "999", "多出的类", 1m, 1m, 0m, 0m, 0m, 0m);
        var input = editor.Save(temp.File("huge.xlsx"));
        var output = new StringWriter();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var exit = GenerateCommand.Run(input, Path.Combine(Repo.Root, "templates", "default"), temp.File("r.docx"), pdf: false, trace: false, output);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains(" CHK020: ", output.ToString());
        Assert.False(File.Exists(temp.File("r.docx")));
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), $"took {watch.Elapsed}");
    }
}

/// <summary>Text a user types that looks like markup is printed as typed, and the document stays valid.</summary>
public class LiteralTextTests
{
    [Theory]
    [InlineData("示例<局>&\"部门\"")]
    [InlineData("{{department.name}}局")]
    [InlineData("控制\u0001字符\u0007局")]
    [InlineData("]]></w:t></w:r><w:r><w:t>")]
    public void MarkupInCellsIsPrintedLiterally(string name)
    {
        using var temp = new TempFolder();
        var input = WorkbookEditor.Load(Repo.SampleXlsx).RenameDepartment(name).Set("部门职责", "B2", name).Save(temp.File("literal.xlsx"));
        var output = new StringWriter();
        var exit = GenerateCommand.Run(input, Path.Combine(Repo.Root, "templates", "default"), temp.File("r.docx"), pdf: false, trace: false, output);
        // Characters a .docx cannot hold are removed with a warning naming the cell; markup is plain text.
        var hasControl = name.Any(char.IsControl);
        Assert.True(exit == (hasControl ? ExitCodes.Warnings : ExitCodes.Clean), output.ToString());
        Assert.Equal(hasControl, output.ToString().Contains("[基本信息!B2]: warning IN041: "));
        Assert.DoesNotContain(output.ToString(), c => char.IsControl(c) && c is not ('\n' or '\r'));
        var bytes = File.ReadAllBytes(temp.File("r.docx"));
        Assert.Empty(DocxText.ValidationErrors(bytes));
        var printable = new string(name.Where(c => !char.IsControl(c)).ToArray());
        Assert.Contains($"1．{printable}\n", DocxText.Of(bytes));
    }

    [Fact]
    public void DepartmentNamesCannotEscapeTheOutputFolder()
    {
        using var temp = new TempFolder();
        var input = Directory.CreateDirectory(temp.File("in")).FullName;
        string[] names = ["../../逃逸", "..\\..\\逃逸", "CON", "a/b\\c:d*e?f\"g<h>i|j", "  ..  "];
        for (var i = 0; i < names.Length; i++)
            WorkbookEditor.Load(Repo.SampleXlsx).RenameDepartment(names[i]).Save(Path.Combine(input, $"w{i}.xlsx"));
        var outputFolder = temp.File("out");
        Assert.Equal(ExitCodes.Clean, BatchCommand.Run(input, outputFolder, 2, Path.Combine(Repo.Root, "templates", "default"),
            Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(TextWriter.Null) })));
        Assert.Equal(names.Length, Directory.GetFiles(outputFolder, "*.docx").Length);
        Assert.Equal(["in", "out"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetDirectories(outputFolder));
    }
}

internal static class SheetContentExtensions
{
    public static SheetContent With(this SheetContent sheet, Action<SheetContent> change)
    {
        change(sheet);
        return sheet;
    }
}
