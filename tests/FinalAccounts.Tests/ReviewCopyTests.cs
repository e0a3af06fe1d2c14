using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FinalAccounts.Model;
using FinalAccounts.Report;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>`generate --review`: comments at every placeholder and warning, and the traced figures of every paragraph; the placeholder style on every mark.</summary>
public class ReviewCopyTests
{
    private static readonly (string Sheet, string Label)[] Blanks =
    [
        ("上年数", "收支总计"), ("上年数", "人员经费"), ("变动原因", "财政拨款收支总计变动原因"), ("三公经费", "外事接待人次"),
        ("政府采购", "政府采购支出总额"), ("国有资产", "单价50万元以上通用设备"), ("绩效自评", "部门整体支出绩效自评得分"),
    ];

    private static string BlankWorkbook(TempFolder temp)
    {
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        foreach (var (sheet, label) in Blanks)
            editor.Set(sheet, "B" + WorkbookEditor.Parse(editor.Find(sheet, label)).Row, null);
        editor.Set("项目资金", "E2", null);
        return editor.Save(temp.File("blanks.xlsx"));
    }

    private sealed record CommentView(string Id, string Author, string Text, string Anchored);

    /// <summary>Every comment with the text it is anchored on (between its range start and end).</summary>
    private static List<CommentView> Comments(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = word.MainDocumentPart!;
        var comments = main.WordprocessingCommentsPart?.Comments?.Elements<Comment>().ToList() ?? [];
        var body = main.Document.Body!;
        var result = new List<CommentView>();
        foreach (var comment in comments)
        {
            var start = body.Descendants<CommentRangeStart>().Single(s => s.Id!.Value == comment.Id!.Value);
            var end = body.Descendants<CommentRangeEnd>().Single(e => e.Id!.Value == comment.Id!.Value);
            Assert.Single(body.Descendants<CommentReference>(), r => r.Id!.Value == comment.Id!.Value);
            var paragraph = start.Ancestors<Paragraph>().First();
            Assert.Same(paragraph, end.Ancestors<Paragraph>().First());
            var texts = paragraph.Descendants().SkipWhile(e => e != start).TakeWhile(e => e != end).OfType<Text>();
            result.Add(new CommentView(comment.Id!.Value!, comment.Author!.Value!, string.Join("\n", comment.Elements<Paragraph>().Select(p => p.InnerText)),
                string.Concat(texts.Select(t => t.Text))));
        }
        return result;
    }

    [Fact]
    public void ThePlainReportCarriesNoComments()
    {
        using var temp = new TempFolder();
        var report = Generated.From(BlankWorkbook(temp), temp.File("plain.docx"));
        Assert.Equal(ExitCodes.Warnings, report.Exit);
        Assert.Empty(Comments(report.Docx!));
    }

    [Fact]
    public void SampleReviewCopyListsEachParagraphsFiguresWithTheirSourceCells()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Repo.SampleXlsx, temp.File("review.docx"), review: true);
        Assert.Equal(ExitCodes.Clean, report.Exit);
        var comments = Comments(report.Docx!);
        Assert.Contains($"已生成审阅稿（{comments.Count} 条批注）", report.Output);
        Assert.All(comments, c => Assert.Equal("生成器", c.Author));
        Assert.All(comments, c => Assert.StartsWith("本段数字的来源：", c.Text));   // a clean workbook: figures only
        // 一: 8012.15 is 公开01表 总计, 149.84 its change against 上年数!B2 (7862.31), 1.91% = 149.84 / 7862.31 = 0.019058.
        var overview = Assert.Single(comments, c => c.Anchored.StartsWith("2024年度收、支总计", StringComparison.Ordinal));
        Assert.Equal("本段数字的来源：8012.15 = 公开01表!C37；149.84 = 公开01表!C37 − 上年数!B2；1.91% = 149.84 ÷ 7862.31（上年数!B2）", overview.Text);

        // Every listed figure is printed in its paragraph and is what its cells say (in 万元, rounded once).
        var workbook = WorkbookEditor.Load(Repo.SampleXlsx);
        decimal CellValue(string reference)
        {
            var sheet = reference[..reference.IndexOf('!')];
            return Convert.ToDecimal(workbook.Get(sheet, reference[(reference.IndexOf('!') + 1)..]), CultureInfo.InvariantCulture);
        }
        decimal Evaluate(string formula)
        {
            formula = formula.Trim();
            var minus = formula.LastIndexOf(" − ", StringComparison.Ordinal);
            if (minus > 0 && !formula[minus..].Contains(')'))
                return Evaluate(formula[..minus]) - Evaluate(formula[(minus + 3)..]);
            if (formula.StartsWith('(') && formula.EndsWith(')'))
                return Evaluate(formula[1..^1]);
            return formula.Split(" + ").Sum(CellValue);
        }
        var checkedFigures = 0;
        var checkedPercents = 0;
        var ratio = new Regex(@"^([\d.]+) ÷ ([\d.]+)(?:（([^）!]*![^）]+)）)?(（尾差调整，使各项占比之和为100%）)?$");
        foreach (var comment in comments)
            foreach (var item in comment.Text["本段数字的来源：".Length..].Split('；'))
            {
                var (figure, formula) = (item[..item.IndexOf(" = ", StringComparison.Ordinal)], item[(item.IndexOf(" = ", StringComparison.Ordinal) + 3)..]);
                Assert.Matches($@"(^|[^\d.]){Regex.Escape(figure)}([^\d]|$)", comment.Anchored);
                if (figure.EndsWith('%'))
                {
                    // A percentage: the ratio of two printed figures; the whole's cell, when named, holds the whole.
                    var parts = ratio.Match(formula);
                    Assert.True(parts.Success, item);
                    var (part, whole) = (decimal.Parse(parts.Groups[1].Value, CultureInfo.InvariantCulture), decimal.Parse(parts.Groups[2].Value, CultureInfo.InvariantCulture));
                    if (parts.Groups[3].Success)
                        Assert.Equal(whole, Math.Round(Evaluate(parts.Groups[3].Value), 2, MidpointRounding.AwayFromZero));
                    var exact = Math.Round(part / whole * 100m, 2, MidpointRounding.AwayFromZero);
                    var printed = decimal.Parse(figure[..^1], CultureInfo.InvariantCulture);
                    if (parts.Groups[4].Success)
                        Assert.True(Math.Abs(printed - exact) == 0.01m, item);   // moved by one hundredth so the shares add up to 100
                    else
                        Assert.Equal(exact, printed);
                    checkedPercents++;
                    continue;
                }
                Assert.Equal(decimal.Parse(figure, CultureInfo.InvariantCulture), Math.Round(Evaluate(formula), 2, MidpointRounding.AwayFromZero));
                checkedFigures++;
            }
        Assert.True(checkedFigures > 50, $"only {checkedFigures} figures traced");
        Assert.True(checkedPercents > 20, $"only {checkedPercents} percentages traced");
    }

    [Fact]
    public void ReviewCopyCommentsEveryPlaceholderAndWarningWithTheCellToFix()
    {
        using var temp = new TempFolder();
        var workbook = BlankWorkbook(temp);
        var findings = ValidateCommand.Validate(workbook);
        var report = Generated.From(workbook, temp.File("review.docx"), review: true);
        var comments = Comments(report.Docx!);
        Assert.All(comments, c => Assert.Equal("生成器", c.Author));

        // One comment on each placeholder, naming the finding and the cell to fill.
        var placeholders = Generated.Placeholder.Matches(report.Text).Count;
        var onMarks = comments.Where(c => Generated.Placeholder.IsMatch(c.Anchored) && !c.Text.StartsWith("本段", StringComparison.Ordinal)).ToList();
        Assert.Equal(placeholders, onMarks.Count);
        Assert.All(onMarks, c => Assert.Matches(Generated.Placeholder, "^" + c.Anchored + "$"));
        foreach (var mark in onMarks)
            Assert.Matches(@"^CALC\d{3}：.+请填写：\S+!\w+\d+", mark.Text);

        // Every warning is in a comment with its id, its message and its cell.
        foreach (var finding in findings.Where(f => f.Severity == Severity.Warning))
            Assert.Contains(comments, c => c.Text.Contains($"{finding.Id}：{finding.Message}") && (finding.Location is null || c.Text.Contains($"请填写：{finding.Location}")));
        // e.g. the blank 上年收支总计, at its mark in 一.
        var prior = Assert.Single(onMarks, c => c.Anchored == "【待填写：上年收支总计】");
        Assert.Equal("CALC002：缺少上年数“收支总计”，无法计算与上年相比的增减变动。报告“一、收入支出决算总体情况说明”中显示待填写标记。请填写：上年数!B2", prior.Text);
    }

    [Theory]
    [InlineData("default", "【待填写：")]
    [InlineData("hubei", "【请补充：")]
    public void EveryPlaceholderRunCarriesTheTemplatesPlaceholderStyle(string template, string opening)
    {
        using var temp = new TempFolder();
        var report = Generated.From(BlankWorkbook(temp), temp.File("r.docx"), template);
        using var word = WordprocessingDocument.Open(new MemoryStream(report.Docx!), false);
        var main = word.MainDocumentPart!;
        var style = Assert.Single(main.StyleDefinitionsPart!.Styles!.Elements<Style>(), s => s.StyleName?.Val?.Value == "待填写");
        Assert.Equal(StyleValues.Character, style.Type!.Value);
        Assert.NotNull(style.StyleRunProperties!.GetFirstChild<Bold>());
        Assert.Equal("FF0000", style.StyleRunProperties!.GetFirstChild<Color>()!.Val!.Value);
        var pattern = new Regex(Regex.Escape(opening) + "[^】]+】");
        var runs = main.Document.Body!.Descendants<Run>().Where(r => pattern.IsMatch(r.InnerText)).ToList();
        Assert.True(runs.Count >= Blanks.Length, $"{runs.Count} placeholder runs");
        Assert.All(runs, run =>
        {
            Assert.Matches("^" + pattern + "$", run.InnerText);   // the mark is a run of its own
            Assert.Equal(style.StyleId!.Value, run.RunProperties?.RunStyle?.Val?.Value);
        });
        // And no run carries the style without a placeholder in it.
        Assert.All(main.Document.Body!.Descendants<RunStyle>().Where(s => s.Val?.Value == style.StyleId!.Value), s => Assert.Matches(pattern, s.Parent!.Parent!.InnerText));
    }

    [LibreOfficeFact]
    public void ReviewCopyOpensInLibreOffice()
    {
        using var temp = new TempFolder();
        var report = Generated.From(BlankWorkbook(temp), temp.File("review.docx"), review: true);
        Assert.NotEmpty(Comments(report.Docx!));
        var pdf = PdfText.Compact(temp.File("review.docx"));
        Assert.Contains("【待填写：上年收支总计】", pdf);
    }
}
