using System.Globalization;
using FinalAccounts.Input;
using FinalAccounts.Model;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>The export quirks finance staff's workbooks have: each one read to the same model as the clean sample.</summary>
public class ReaderQuirkTests
{
    private static FinalAccountsWorkbook Read(string path)
    {
        var result = WorkbookReader.Read(path);
        Assert.NotNull(result.Workbook);
        return result.Workbook!;
    }

    private static FinalAccountsWorkbook Sample => Read(Repo.SampleXlsx);

    /// <summary>Values of a 科目 table without their cell positions, to compare layouts that differ.</summary>
    private static string Values(SubjectTable? table) => string.Join("\n", table!.Rows.Select(r =>
        $"{r.Level} {r.Code} {r.Name} {string.Join(" ", r.Values.Select(v => v.Value.ToString("0.00####", CultureInfo.InvariantCulture)))}"));

    private static FinalAccountsWorkbook Edited(Action<WorkbookEditor> change, TempFolder temp)
    {
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        change(editor);
        var path = editor.Save(temp.File("edited.xlsx"));
        Assert.Empty(ValidateCommand.Validate(path).Select(f => f.Format("edited")));
        return Read(path);
    }

    [Fact]
    public void ASheetsCellsComeBackLeftToRightWhateverOrderTheFileListsThem()
    {
        // A sheet lists cells left to right, but nothing makes a file do so, and a position may be written twice.
        var sheet = new RawSheet("表");
        sheet.Set(new RawCell(2, 3, "丙", null));
        sheet.Set(new RawCell(2, 1, "甲", null));
        sheet.Set(new RawCell(5, 9, "下", null));
        sheet.Set(new RawCell(2, 2, "乙", null));
        sheet.Set(new RawCell(2, 1, "甲二", 2));
        sheet.Set(new RawCell(1, 4, "上", null));

        Assert.Equal(["甲二", "乙", "丙"], sheet.CellsInRow(2).Select(c => c.Text));
        Assert.Equal([1, 2, 3], sheet.CellsInRow(2).Select(c => c.Column));
        Assert.Equal([1, 2, 5], sheet.Rows);
        Assert.Equal([1, 2, 3, 4, 9], sheet.Columns);
        Assert.Equal(5, sheet.CellCount);
        Assert.Equal(2, sheet.Get(2, 1)!.Number);
        Assert.Empty(sheet.CellsInRow(3));
    }

    [Fact]
    public void AMergedRangeIsFoundWhereverItCoversAndARangeAddedLaterCounts()
    {
        var sheet = new RawSheet("表");
        sheet.Set(new RawCell(2, 2, "合并", null));
        sheet.Set(new RawCell(7, 1, "后来", null));
        sheet.Merges.Add(new MergedRange(2, 2, 4, 3));
        sheet.Merges.Add(new MergedRange(3, 3, 3, 5));   // overlaps the first at C3: the first listed wins, as Excel's own order

        Assert.Equal("合并", sheet.MergedText(4, 3));
        Assert.Equal("", sheet.MergedText(4, 4));
        Assert.Same(sheet.Merges[0], sheet.MergeAt(3, 3));
        Assert.Same(sheet.Merges[1], sheet.MergeAt(3, 5));
        Assert.Equal([sheet.Merges[0], sheet.Merges[1]], sheet.MergesInRow(3));
        Assert.Equal("", sheet.MergedText(7, 2));

        // The row asked last is remembered; a range added after that is seen all the same.
        sheet.Merges.Add(new MergedRange(7, 1, 8, 2));
        Assert.Equal("后来", sheet.MergedText(7, 2));
        Assert.Equal("后来", sheet.MergedText(8, 1));
        Assert.Null(sheet.MergeAt(9, 1));

        // Replaced in place or removed: the row asked last is not answered from before the change.
        Assert.Equal("后来", sheet.MergedText(8, 2));
        sheet.Merges[2] = new MergedRange(7, 1, 7, 2);
        Assert.Equal("", sheet.MergedText(8, 2));
        Assert.Equal("后来", sheet.MergedText(7, 2));
        sheet.Merges.RemoveAt(2);
        Assert.Equal("", sheet.MergedText(7, 2));
    }

    [Fact]
    public void NumbersStoredAsTextWithThousandsSeparators()
    {
        using var temp = new TempFolder();
        var edited = Edited(e => e.MapNumbers("公开03表", 7, d => d.ToString("#,##0.00", CultureInfo.InvariantCulture)), temp);
        Assert.Equal(Values(Sample.Tables.Expenditure), Values(edited.Tables.Expenditure));
        Assert.Equal(1186.73m, edited.Tables.Expenditure!.Find("2130101")![0].Value);
    }

    [Fact]
    public void BlankOrDashMeansZero()
    {
        using var temp = new TempFolder();
        var edited = Edited(e => e.MapNumbers("公开03表", 7, d => d == 0 ? (d.GetHashCode() % 2 == 0 ? "-" : null) : d).MapNumbers("公开02表", 7, d => d == 0 ? "-" : d), temp);
        Assert.Equal(Values(Sample.Tables.Expenditure), Values(edited.Tables.Expenditure));
        Assert.Equal(Values(Sample.Tables.Income), Values(edited.Tables.Income));
    }

    [Fact]
    public void AmountsDeclaredInYuanAreConvertedToWanYuan()
    {
        using var temp = new TempFolder();
        var edited = Edited(e => e.MapNumbers("公开02表", 7, d => d * 10000m).Set("公开02表", "I3", "金额单位：元"), temp);
        Assert.Equal(AmountUnit.Yuan, edited.Tables.Income!.Info.Unit);
        Assert.Equal(Values(Sample.Tables.Income), Values(edited.Tables.Income));
    }

    [Fact]
    public void SpacerRowsAreSkipped()
    {
        using var temp = new TempFolder();
        var edited = Edited(e => e.InsertRows("公开05表", 12, 1).InsertRows("公开05表", 7, 2).InsertRows("公开01表", 34, 1), temp);
        Assert.Equal(Values(Sample.Tables.GeneralBudget), Values(edited.Tables.GeneralBudget));
    }

    [Fact]
    public void WithoutAColumnNumberRowTheTableStillReads()
    {
        using var temp = new TempFolder();
        var edited = Edited(e =>
        {
            foreach (var c in Enumerable.Range(1, 5))
                e.Set("公开05表", $"{(char)('A' + c - 1)}6", null);
        }, temp);
        Assert.Equal(Values(Sample.Tables.GeneralBudget), Values(edited.Tables.GeneralBudget));
    }

    [Fact]
    public void MergedHeaderCellsNameTheirColumns()
    {
        var general = Sample.Tables.GeneralBudget!;
        Assert.Equal(["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"], general.Columns.Select(c => c.Key));
        var threePublic = Sample.Tables.ThreePublic!;
        Assert.Contains(threePublic.Columns, c => c.Key == "决算数/公务用车购置及运行维护费/公务用车运行费");
    }

    [Fact]
    public void SheetsAreFoundByTitleWhateverTheirNameAndOrder()
    {
        using var temp = new TempFolder();
        var edited = Edited(e =>
        {
            var sheet = e.Sheet("公开05表");
            e.Sheets.Remove(sheet);
            sheet.Name = "Sheet7";
            e.Sheets.Add(sheet);
            e.Sheet("公开02表").Name = "收入表";
        }, temp);
        Assert.Equal("Sheet7", edited.Tables.GeneralBudget!.Info.Sheet);
        Assert.Equal(Values(Sample.Tables.GeneralBudget), Values(edited.Tables.GeneralBudget));
    }

    [Fact]
    public void CodeAndNameInOneCell()
    {
        using var temp = new TempFolder();
        var edited = Edited(e =>
        {
            var sheet = e.Sheet("公开05表");
            foreach (var row in Enumerable.Range(8, 20))
                if (sheet.Get(row, 1) is string code && sheet.Get(row, 2) is string name)
                    sheet.Set(row, 1, $"{code} {name}").Set(row, 2, null);
        }, temp);
        Assert.Equal(Values(Sample.Tables.GeneralBudget), Values(edited.Tables.GeneralBudget));
    }

    [Fact]
    public void CodesSplitIntoCategorySectionItemColumns()
    {
        using var temp = new TempFolder();
        var edited = Edited(e =>
        {
            // 类 | 款 | 项 | 科目名称 | amounts: the layout older exports use.
            var sheet = e.Sheet("公开05表");
            var moved = sheet.Cells.Where(c => c.Key.Column >= 2).OrderByDescending(c => c.Key.Column).ToList();
            foreach (var c in moved)
            {
                sheet.Cells.Remove(c.Key);
                sheet.Cells[(c.Key.Row, c.Key.Column + 2)] = c.Value;
            }
            sheet.Merges.Clear();
            sheet.Set(4, 1, "科目编码").Merge(4, 1, 4, 3).Set(5, 1, "类").Set(5, 2, "款").Set(5, 3, "项").Set(5, 4, "科目名称").Set(4, 5, "本年支出").Merge(4, 5, 4, 7);
            foreach (var row in Enumerable.Range(7, 30))
                if (sheet.Get(row, 1) is string code && code.All(char.IsAsciiDigit))
                    sheet.Set(row, 1, code[..3]).Set(row, 2, code.Length >= 5 ? code[3..5] : null).Set(row, 3, code.Length == 7 ? code[5..] : null);
        }, temp);
        Assert.Equal(Values(Sample.Tables.GeneralBudget), Values(edited.Tables.GeneralBudget));
    }

    [Fact]
    public void HiddenRowsStillCount()
    {
        using var temp = new TempFolder();
        var edited = Edited(e => e.Sheet("公开03表").HiddenRows.Add(22), temp);
        Assert.Equal(677.78m, edited.Tables.Expenditure!.Find("2130104")![0].Value);
    }

    [Fact]
    public void EveryValueKnowsItsCell()
    {
        var row = Sample.Tables.Expenditure!.Find("2130104")!;
        Assert.Equal("公开03表!C22", row[0].Source!.ToString());
        var entry = Sample.KeyValue(WorkbookLayout.Procurement).Find("政府采购货物支出")!;
        Assert.Equal("政府采购!B3", entry.Cell.ToString());
        Assert.Equal(186.30m, entry.Number);
    }
}

/// <summary>Files and sheets that cannot be read: one clear Chinese finding each, exit 2, and the input untouched.</summary>
public class ReaderProblemTests
{
    private static (IReadOnlyList<Diagnostic> Findings, string Output, int Exit) Validate(string path)
    {
        var before = File.Exists(path) ? File.ReadAllBytes(path) : null;
        var output = new StringWriter();
        var exit = ValidateCommand.Run(path, output);
        if (before is not null)
            Assert.Equal(before, File.ReadAllBytes(path));
        return (ValidateCommand.Validate(path), output.ToString(), exit);
    }

    [Theory]
    [InlineData("empty", "IN001")]
    [InlineData("missing", "IN001")]
    [InlineData("text", "IN002")]
    [InlineData("encrypted", "IN003")]
    [InlineData("truncated", "IN004")]
    public void UnreadableFileGetsOneLineAndExitTwo(string kind, string id)
    {
        using var temp = new TempFolder();
        var path = temp.File($"{kind}.xlsx");
        switch (kind)
        {
            case "empty": File.WriteAllBytes(path, []); break;
            case "text": File.WriteAllText(path, "这不是工作簿，只是一段文字。\n"); break;
            case "encrypted": File.Copy(Path.Combine(Repo.Root, "tests", "FinalAccounts.Tests", "Fixtures", "encrypted.xlsx"), path); break;
            case "truncated":
                var bytes = File.ReadAllBytes(Repo.SampleXlsx);
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
        }
        var (findings, output, exit) = Validate(path);
        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Equal(id, Assert.Single(findings).Id);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains($"{kind}.xlsx", output);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotContain("   at ", output);
    }

    public static TheoryData<string, string, string, Severity> SheetCases => new()
    {
        { "delete 公开05表", "IN010", "", Severity.Error },
        { "delete 公开08表", "IN010", "", Severity.Warning },
        { "duplicate 公开05表", "IN011", "公开05表 (2)!A1", Severity.Error },
        { "remove header", "IN012", "公开03表!A1", Severity.Error },
        { "remove unit", "IN013", "公开03表!A1", Severity.Warning },
        { "unit 千元", "IN014", "公开03表!H3", Severity.Error },
        { "text amount", "IN020", "公开03表!D22", Severity.Error },
        { "bad code", "IN021", "公开03表!A22", Severity.Warning },
        { "delete 政府采购", "IN030", "", Severity.Warning },
        { "delete 基本信息", "IN030", "", Severity.Error },
        { "blank 部门名称", "IN031", "基本信息!B2", Severity.Error },
        { "year not a year", "IN032", "基本信息!B3", Severity.Error },
        { "unit type not a choice", "IN033", "基本信息!B4", Severity.Error },
        { "prior year text", "IN032", "上年数!B2", Severity.Error },
    };

    [Theory]
    [MemberData(nameof(SheetCases))]
    public void SheetProblemIsReportedAtItsCell(string change, string id, string cell, Severity severity)
    {
        using var temp = new TempFolder();
        var e = WorkbookEditor.Load(Repo.SampleXlsx);
        switch (change)
        {
            case "delete 公开05表": e.Remove("公开05表"); break;
            case "delete 公开08表": e.Remove("公开08表"); break;
            case "duplicate 公开05表":
                var copy = SheetContent.FromRaw(ExcelGridReader.Read(Repo.SampleXlsx).Sheets.Single(s => s.Name == "公开05表"));
                copy.Name = "公开05表 (2)";
                e.Sheets.Add(copy);
                break;
            case "remove header":
                foreach (var c in Enumerable.Range(1, 8)) { e.Set("公开03表", $"{(char)('A' + c - 1)}4", null); e.Set("公开03表", $"{(char)('A' + c - 1)}5", null); }
                break;
            case "remove unit": e.Set("公开03表", "H3", null); break;
            case "unit 千元": e.Set("公开03表", "H3", "金额单位：千元"); break;
            case "text amount": e.Set("公开03表", "D22", "六百四十二"); break;
            case "bad code": e.Set("公开03表", "A22", "21301X"); break;
            case "delete 政府采购": e.Remove("政府采购"); break;
            case "delete 基本信息": e.Remove("基本信息"); break;
            case "blank 部门名称": e.Set("基本信息", "B2", null); break;
            case "year not a year": e.Set("基本信息", "B3", "二〇二四"); break;
            case "unit type not a choice": e.Set("基本信息", "B4", "机关"); break;
            case "prior year text": e.Set("上年数", "B2", "约7862万"); break;
        }
        var path = e.Save(temp.File("problem.xlsx"));
        var findings = ValidateCommand.Validate(path);
        Assert.Contains(findings, f => f.Id == id && (f.Location?.ToString() ?? "") == cell && f.Severity == severity);
        Assert.All(findings.Where(f => f.Id == id), f => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", f.Message));
    }
}
