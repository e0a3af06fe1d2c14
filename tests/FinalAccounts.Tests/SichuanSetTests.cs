using System.Text.RegularExpressions;
using FinalAccounts.Input;
using FinalAccounts.Model;
using FinalAccounts.Tests.Samples;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>The catalogue of public tables: one place, and no title claimed by two tables.</summary>
public class PublicTableCatalogueTests
{
    [Fact]
    public void NoTwoEntriesMatchOneTitle()
    {
        var titles = PublicTableCatalogue.Entries.SelectMany(e => e.Titles.Select(t => (Key: TableRecognizer.TitleKey(t), e.Kind))).ToList();
        Assert.Equal(titles.Count, titles.Select(t => t.Key).Distinct().Count());
        Assert.Equal(PublicTableCatalogue.Entries.Count, PublicTableCatalogue.Entries.Select(e => e.Kind).Distinct().Count());
    }

    [Fact]
    public void EveryTitleIsRecognisedAsItsOwnTableHoweverTheExportDecoratesIt()
    {
        foreach (var entry in PublicTableCatalogue.Entries)
            foreach (var title in entry.Titles)
                foreach (var printed in new[] { title, $"2022年度{title}", $"渠县医疗保障局2022年度{title}", $"{title}（公开05表）", $"盐边县医疗保障局{title}", $" 2020 年 {title.Replace("“", "\"").Replace("”", "\"")} " })
                    Assert.True(TableRecognizer.KindOfTitle(printed) == entry.Kind, $"“{printed}” read as {TableRecognizer.KindOfTitle(printed)}, not {entry.Kind}");
    }

    [Theory]   // the issue's reproductions: each was taken for another table
    [InlineData("2022年度国有资本经营预算财政拨款收入支出决算表", PublicTableKind.StateCapitalIncomeExpenditure)]
    [InlineData("2020年度政府性基金预算财政拨款“三公”经费支出决算表", PublicTableKind.GovernmentFundThreePublic)]
    [InlineData("2022年度一般公共预算财政拨款基本支出决算表", PublicTableKind.GeneralBudgetBasicDetail)]
    [InlineData("2020年度一般公共预算财政拨款“三公”经费支出决算表", PublicTableKind.ThreePublic)]
    [InlineData("2022年度财政拨款支出决算明细表", PublicTableKind.FiscalExpenditureDetail)]
    [InlineData("2022年度一般公共预算财政拨款支出决算明细表", PublicTableKind.GeneralBudgetEconomicDetail)]
    [InlineData("2024年度部门预算项目绩效目标表", PublicTableKind.Other)]
    // National titles that end with the generic 支出决算表 but name a specific table (a review found them read as 公开03).
    [InlineData("2024年度“三公”经费支出决算表", PublicTableKind.ThreePublic)]
    [InlineData("2024年度部门“三公”经费支出决算表", PublicTableKind.ThreePublic)]
    [InlineData("2024年度政府性基金预算财政拨款支出决算表", PublicTableKind.GovernmentFund)]
    [InlineData("示例县农业农村局2024年度支出决算表", PublicTableKind.Expenditure)]
    public void SichuanTitlesAreNotTakenForOtherTables(string title, PublicTableKind kind) => Assert.Equal(kind, TableRecognizer.KindOfTitle(title));

    [Fact]
    public void SetsNumberTheirTablesAsTheReferenceReportsList()
    {
        // Reference 000 (Sichuan 2022, 13 tables) and 001 (Sichuan 2020, 14 tables), 第五部分 附表 in order.
        Assert.Equal(["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "财政拨款支出决算明细表", "一般公共预算财政拨款支出决算表",
            "一般公共预算财政拨款支出决算明细表", "一般公共预算财政拨款基本支出决算明细表", "一般公共预算财政拨款项目支出决算表", "政府性基金预算财政拨款收入支出决算表",
            "国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表", "财政拨款“三公”经费支出决算表"],
            PublicTableCatalogue.InSet(TableSet.Sichuan13).Select(e => e.Title));
        Assert.Equal([PublicTableKind.ThreePublic, PublicTableKind.GovernmentFund, PublicTableKind.GovernmentFundThreePublic,
            PublicTableKind.StateCapitalIncomeExpenditure, PublicTableKind.StateCapital],
            PublicTableCatalogue.InSet(TableSet.Sichuan14).Skip(9).Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(1, 9).Select(n => (PublicTableKind)n), PublicTableCatalogue.InSet(TableSet.National9).Select(e => e.Kind));
    }
}

/// <summary>Issue 12: Sichuan's 13- and 14-table exports are read as they are, checked, and printed in full.</summary>
public class SichuanSetTests
{
    internal static string Write(TempFolder temp, SampleWorkbook.Export export, string name)
    {
        var path = temp.File(name);
        XlsxWriter.Write(path, SampleWorkbook.Build(export));
        return path;
    }

    /// <summary>The committed Sichuan sample is what the builder makes (APPROVE_SAMPLE=1 rewrites it).</summary>
    [Fact]
    public void CommittedSichuanSampleIsWhatTheBuilderMakes()
    {
        CommittedSample.IsWhatTheBuilderMakes(SampleWorkbook.Build(SampleWorkbook.Export.Sichuan13), Repo.SichuanSampleXlsx);
    }

    public static TheoryData<string, int> Sets => new() { { "Sichuan13", 13 }, { "Sichuan14", 14 } };

    private static SampleWorkbook.Export ExportNamed(string name) => name == "Sichuan13" ? SampleWorkbook.Export.Sichuan13 : SampleWorkbook.Export.Sichuan14;

    [Theory]
    [MemberData(nameof(Sets))]
    public void FullExportValidatesAndGeneratesWithEveryTablePrintedAndListedInTheContents(string set, int count)
    {
        using var temp = new TempFolder();
        var workbook = set == "Sichuan13" ? Repo.SichuanSampleXlsx : Write(temp, ExportNamed(set), "s.xlsx");
        var validate = new StringWriter();
        Assert.Equal(ExitCodes.Clean, ValidateCommand.Run(workbook, validate));
        var report = Generated.From(workbook, temp.File("r.docx"));
        Assert.Equal(ExitCodes.Clean, report.Exit);

        var entries = PublicTableCatalogue.InSet(set == "Sichuan13" ? TableSet.Sichuan13 : TableSet.Sichuan14).ToList();
        Assert.Equal(count, entries.Count);
        var export = ExportNamed(set);
        var lines = report.Lines;
        var appendix = Array.IndexOf(lines.ToArray(), "第五部分 附表", Array.LastIndexOf(lines.ToArray(), "第一部分 部门概况"));
        Assert.True(appendix > 0);
        for (var i = 0; i < count; i++)
        {
            var kind = entries[i].Kind;
            var printed = export.TitleOf(kind) ?? entries[i].Title;
            var heading = $"{Ordinal(i + 1)}、{printed}";
            // Listed in the 目录 (before the body) and heading its table in 第五部分, in the set's order.
            Assert.Contains(lines.Take(appendix), l => l.StartsWith(heading, StringComparison.Ordinal));
            var at = lines.ToList().IndexOf(heading, appendix);
            Assert.True(at > appendix, $"{heading} is not in 第五部分");
            Assert.Equal($"2024年度{printed}", lines[at + 1]);
            Assert.Equal($"公开{i + 1:00}表", lines[at + 2]);
            Assert.Equal($"部门：示例县农业农村局→金额单位：{export.UnitOf(kind).DisplayName()}", lines[at + 3]);   // the table's own unit (→ is a tab)
        }
    }

    [Fact]
    public void TablesInYuanGiveTheSameNarrativeAsTheNationalSampleInWanYuan()
    {
        using var temp = new TempFolder();
        static List<string> Narrative(Generated report)
        {
            var lines = report.Lines.ToList();
            var from = lines.LastIndexOf("第一部分 部门概况");
            return lines.Skip(from).TakeWhile(l => l != "第五部分 附表").ToList();
        }
        var national = Narrative(Generated.From(Repo.SampleXlsx, temp.File("n.docx")));
        var sichuan = Narrative(Generated.From(Repo.SichuanSampleXlsx, temp.File("s.docx")));
        Assert.True(national.Count > 100);
        Assert.Equal(national, sichuan);
        // And its 附表 print what the export says, in 元: 公开05表's 合计 is 7218.00 + 480.00 万元 = 76,980,000.00 元.
        var report = Generated.From(Repo.SichuanSampleXlsx, temp.File("t.docx"));
        Assert.Contains(report.Lines, l => l.StartsWith("合计", StringComparison.Ordinal) && l.EndsWith("76,980,000.00\t72,180,000.00\t4,800,000.00\t0.00", StringComparison.Ordinal));
    }

    /// <summary>Each rule of the further tables catches a broken cell, naming that table's sheet.</summary>
    [Theory]
    [InlineData("公开05表", "2130101", "D", "CHK100")]   // 财政拨款支出决算明细表: 一般公共预算 column no longer adds up with 合计…
    [InlineData("公开05表", "2130101", "D", "CHK102")]   // …nor agrees with 公开06表 (一般公共预算财政拨款支出决算表) row 2130101
    [InlineData("公开07表", "30101", "D", "CHK103")]     // 经济分类明细表: 合计 ≠ 基本 + 项目
    [InlineData("公开07表", "30101", "D", "CHK105")]     // …and its 基本支出 ≠ 公开08表 (基本支出决算表) 30101
    [InlineData("公开07表", "合计", "E", "CHK104")]      // …its 项目支出 total ≠ 公开06表's
    [InlineData("公开09表", "合计", "C", "CHK106")]      // 项目支出决算表's total ≠ 公开06表's 项目支出
    public void TheFurtherTablesRulesCatchABrokenCell(string sheet, string rowLabel, string column, string rule)
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SichuanSampleXlsx);
        var row = editor.Sheet(sheet).Cells.First(c => c.Key.Column == 1 && Convert.ToString(c.Value.Value) == rowLabel).Key.Row;
        editor.Add(sheet, $"{column}{row}", 10000m);   // one 万元 more, in a table exported in 元
        var findings = ValidateCommand.Validate(editor.Save(temp.File("broken.xlsx")));
        Assert.Contains(findings, f => f.Id == rule && f.Severity == Severity.Error
            && (f.Location?.Sheet == sheet || f.Related?.Any(r => r.Sheet == sheet) == true || f.Message.Contains(sheet)));
    }

    [Fact]
    public void StateCapitalIncomeTableIsHeldToTable04AndItsOwnBalance()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SichuanSampleXlsx);
        // 公开11表 (国有资本经营预算财政拨款收入支出决算表) was empty; a 合计 row with 本年支出 that 公开04表 does not have:
        var row = WorkbookEditor.Parse(editor.Find("公开11表", "栏次")).Row + 1;
        editor.Sheet("公开11表").Row(row, 1, "合计", null, 0m, 50000m, 50000m, 0m, 50000m, 0m);
        var findings = ValidateCommand.Validate(editor.Save(temp.File("capital.xlsx")));
        Assert.Contains(findings, f => f.Id == "CHK109");   // 公开04表's 国有资本经营 column says 0
        Assert.Contains(findings, f => f.Id == "CHK110");   // 公开12表 (国有资本经营预算财政拨款支出决算表) is empty
        Assert.DoesNotContain(findings, f => f.Id == "CHK108");   // 0 + 5 − 5 = 0: balanced
        editor.Set("公开11表", $"H{row}", 10000m);
        Assert.Contains(ValidateCommand.Validate(editor.Save(temp.File("capital2.xlsx"))), f => f.Id == "CHK108" && f.Location?.Sheet == "公开11表");
    }

    [Fact]
    public void GovernmentFundThreePublicTableSumsLikeTable09()
    {
        using var temp = new TempFolder();
        var workbook = Write(temp, SampleWorkbook.Export.Sichuan14, "s14.xlsx");
        var editor = WorkbookEditor.Load(workbook);
        var row = WorkbookEditor.Parse(editor.Find("公开12表", "1")).Row + 1;   // the data row below the 栏次 numbers
        editor.Set("公开12表", $"B{row}", 1m);                                   // 因公出国(境)费 1 万元 while 合计 stays 0
        var findings = ValidateCommand.Validate(editor.Save(temp.File("broken.xlsx")));
        Assert.Contains(findings, f => f.Id == "CHK050" && f.Location?.Sheet == "公开12表");
    }

    /// <summary>The 一般公共预算…“三公” title is a national export's title too: alone it does not make a workbook Sichuan's.</summary>
    [Fact]
    public void ANationalWorkbookWithTheOlderThreePublicTitleStaysNational()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        editor.Set("公开09表", "A1", "2024年度一般公共预算财政拨款“三公”经费支出决算表");
        editor.Set("公开07表", "A1", "2024年度政府性基金预算财政拨款支出决算表");
        var workbook = editor.Save(temp.File("older-titles.xlsx"));
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Clean, ValidateCommand.Run(workbook, output));
        Assert.Equal(TableSet.National9, WorkbookReader.Read(workbook).Workbook!.Tables.Set);
    }

    [Fact]
    public void AnUntitledSheetIsPlacedByItsNumberInTheDetectedSet()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SichuanSampleXlsx);
        editor.Set("公开05表", "A1", null);   // no title: only 公开05表, which in Sichuan's set is 财政拨款支出决算明细表
        var read = WorkbookReader.Read(editor.Save(temp.File("untitled.xlsx")));
        Assert.DoesNotContain(read.Diagnostics, d => d.Severity == Severity.Error);
        Assert.NotNull(read.Workbook!.Tables.FiscalExpenditureDetail);
        Assert.Equal(TableSet.Sichuan13, read.Workbook.Tables.Set);
        Assert.Equal(PublicTableKind.GeneralBudgetExpenditure, read.Workbook.PublicTableOrder.Single(t => t.Sheet == "公开06表").Kind);
    }

    [Fact]
    public void ATableTheCatalogueDoesNotKnowIsPrintedAsExportedAndSaidSo()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var extra = new SheetContent("部门预算项目表");
        extra.Set(1, 1, "2024年度政府采购支出决算明细表").Set(2, 3, "公开10表").Set(3, 1, "部门：示例县农业农村局").Set(3, 3, "金额单位：万元");
        extra.Row(4, 1, "项目名称", "绩效目标", "金额").Row(5, 1, "高标准农田建设", "新建1.2万亩", 2480m);
        editor.Sheets.Insert(editor.Sheets.FindIndex(s => s.Name == "公开09表") + 1, extra);
        var workbook = editor.Save(temp.File("extra.xlsx"));
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Clean, ValidateCommand.Run(workbook, output));   // an info finding does not change the exit code
        Assert.Contains("info IN016", output.ToString());
        Assert.Contains("部门预算项目表!A1", output.ToString());
        var report = Generated.From(workbook, temp.File("r.docx"));
        var at = report.Lines.ToList().IndexOf("十、政府采购支出决算明细表");
        Assert.True(at > 0, "the unknown table is not the tenth 附表");
        Assert.Contains("高标准农田建设\t新建1.2万亩\t2,480.00", report.Lines.Skip(at));
    }

    private static string Ordinal(int n)
    {
        string[] digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        return n < 10 ? digits[n] : n < 20 ? "十" + digits[n - 10] : digits[n / 10] + "十" + digits[n % 10];
    }
}
