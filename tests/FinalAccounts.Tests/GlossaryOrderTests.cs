using FinalAccounts.Calculation;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 14: 名词解释 in the order the sheet lists it, general terms and 科目 interleaved as references
/// 000 and 001 print them, with 类 and 款 entries accepted besides 项.
/// </summary>
public class GlossaryOrderTests
{
    [Fact]
    public void EntriesFollowTheSheetAndAcceptKuanAndLeiCodes()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var item = WorkbookEditor.Parse(editor.Find("名词解释", "2080505")).Row;
        // A 款 before the general terms, a 类 just before its 项, and a code that is no 科目 (4 digits).
        editor.InsertRows("名词解释", 2, 1).Set("名词解释", "A2", "20805").Set("名词解释", "B2", "反映用于行政事业单位养老方面的支出。");
        editor.InsertRows("名词解释", item + 1, 2).Set("名词解释", $"A{item + 1}", "208").Set("名词解释", $"B{item + 1}", "反映政府在社会保障与就业方面的支出。")
            .Set("名词解释", $"A{item + 2}", "2080").Set("名词解释", $"B{item + 2}", "不是科目编码。");
        var workbook = editor.Save(temp.File("glossary.xlsx"));

        var calculated = ReportPipeline.Calculate(workbook, CalculationSettings.Default);
        var model = calculated.Model!;
        // The 4-digit code is not printed, and said so, naming its cell.
        var notice = Assert.Single(calculated.Findings, f => f.Id == "CALC007");
        Assert.Equal($"名词解释!A{item + 2}", notice.Location!.ToString());
        Assert.Contains("“2080”", notice.Message);
        var glossary = model.Glossary;
        Assert.Equal(("款", "社会保障和就业支出", "行政事业单位养老支出", ""), (glossary[0].Level, glossary[0].CategoryName, glossary[0].SectionName, glossary[0].ItemName));
        Assert.Equal("财政拨款收入", glossary[1].Term);
        var lei = glossary.Single(e => e.Code == "208");
        var first = glossary.Single(e => e.Code == "2080505");
        Assert.Equal(("类", "社会保障和就业支出", "", ""), (lei.Level, lei.CategoryName, lei.SectionName, lei.ItemName));
        Assert.Equal(lei.Number + 1, first.Number);   // the 类 stands where it was entered, just before the 项 entered after it
        Assert.DoesNotContain(glossary, e => e.Code == "2080" || e.Term == "2080");
        Assert.Equal(Enumerable.Range(1, glossary.Count), glossary.Select(e => e.Number));
        // Every 项 the tables use is explained once, none twice.
        Assert.Equal(glossary.Where(e => e.Level == "项").Select(e => e.Code).Distinct().Count(), glossary.Count(e => e.Level == "项"));

        var report = Generated.From(workbook, temp.File("report.docx"));
        Assert.Contains("1．社会保障和就业支出（类）行政事业单位养老支出（款）：反映用于行政事业单位养老方面的支出。", report.Lines);
        Assert.Contains($"{lei.Number}．社会保障和就业支出（类）：反映政府在社会保障与就业方面的支出。", report.Lines);
    }
}
