using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// {{#each rows mergeRepeats=N}}: a row block's repeated cells merge vertically, as reference 000's 自评表 prints an
/// 一级指标 once beside all its rows (and an 二级指标 only within its 一级指标).
/// </summary>
public class RepeatMergingTests
{
    private static readonly object Data = DataTree.FromJson(JsonDocument.Parse("""
    {
      "rows": [
        { "a": "产出指标", "b": "数量指标", "c": "甲" },
        { "a": "产出指标", "b": "数量指标", "c": "乙" },
        { "a": "产出指标", "b": "质量指标", "c": "丙" },
        { "a": "效益指标", "b": "质量指标", "c": "丙" }
      ]
    }
    """).RootElement)!;

    private static TemplateOptions Options() => new() { Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(Data)) };

    /// <summary>Each rendered cell as its text, with "^" for the start of a merge and "|" for a cell merged into the one above.</summary>
    private static List<string> Cells(DocxBuilder builder)
    {
        var compiled = DocxTemplate.Compile(builder.Build(), "t.docx", Options());
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        var output = compiled.Template!.Render(Data);
        Assert.Empty(DocxText.ValidationErrors(output));
        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        return document.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Select(r => string.Join(" ", r.Elements<TableCell>().Select(c =>
            c.TableCellProperties?.VerticalMerge is { } merge ? (merge.Val?.Value == MergedCellValues.Restart ? "^" + c.InnerText : "|" + c.InnerText) : c.InnerText))).ToList();
    }

    [Fact]
    public void RepeatedCellsMergeAndAColumnMergesOnlyWithinTheColumnToItsLeft()
    {
        var rows = Cells(new DocxBuilder().Table(["一级", "二级", "三级"], ["{{#each rows mergeRepeats=2}}{{a}}", "{{b}}", "{{c}}{{/each}}"]));
        // 丙 repeats in the third column, which is not merged; the last 质量指标 repeats the one above but under another 一级指标.
        Assert.Equal(["一级 二级 三级", "^产出指标 ^数量指标 甲", "| | 乙", "| 质量指标 丙", "效益指标 质量指标 丙"], rows);
    }

    [Fact]
    public void WithoutTheOptionNothingMerges()
    {
        var rows = Cells(new DocxBuilder().Table(["{{#each rows}}{{a}}", "{{b}}{{/each}}"]));
        Assert.Equal(["产出指标 数量指标", "产出指标 数量指标", "产出指标 质量指标", "效益指标 质量指标"], rows);
    }

    /// <summary>
    /// A row block in a row block, both merging: the outer block leaves the cells the inner one merged as they are (as it leaves
    /// a cell the template merges) and reads a cell the inner one emptied as empty — for rows filled as text as for rows of elements.
    /// </summary>
    [Fact]
    public void ABlockInABlockMergesFirstAndTheOuterBlockLeavesItsMergedCellsAsTheyAre()
    {
        var nested = DataTree.FromJson(JsonDocument.Parse("""
        { "groups": [ { "g": "甲", "items": [ { "x": "1" }, { "x": "2" } ] }, { "g": "乙", "items": [ { "x": "3" } ] } ] }
        """).RootElement)!;
        var template = new DocxBuilder().Table(
            ["{{#each groups mergeRepeats=1}}{{g}}", "组"],
            ["{{#each items mergeRepeats=1}}{{../g}}", "{{x}}{{/each}}"],
            ["{{g}}", "尾{{/each}}"]).Build();
        var compiled = DocxTemplate.Compile(template, "t.docx", new TemplateOptions { Schema = DataSchema.FromJson(JsonSerializer.SerializeToElement(nested)) });
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        var output = compiled.Template!.Render(nested);
        Assert.Empty(DocxText.ValidationErrors(output));
        using var document = WordprocessingDocument.Open(new MemoryStream(output), false);
        // The rows were filled as text (standing alone, each declares its namespace).
        using (var reader = new StreamReader(document.MainDocumentPart!.GetStream()))
            Assert.Equal(7, System.Text.RegularExpressions.Regex.Count(reader.ReadToEnd(), "<w:tr xmlns:w="));
        var rows = document.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Select(r => string.Join(" ", r.Elements<TableCell>().Select(c =>
            c.TableCellProperties?.VerticalMerge is { } merge ? (merge.Val?.Value == MergedCellValues.Restart ? "^" + c.InnerText : "|" + c.InnerText) : c.InnerText))).ToList();
        Assert.Equal(["^甲 组", "^甲 1", "| 2", "| 尾", "^乙 组", "| 3", "| 尾"], rows);
    }

    public static TheoryData<string, Func<DocxBuilder>> Mistakes => new()
    {
        { "zero columns", () => new DocxBuilder().Table(["{{#each rows mergeRepeats=0}}{{a}}", "{{b}}{{/each}}"]) },
        { "more columns than the row has", () => new DocxBuilder().Table(["{{#each rows mergeRepeats=3}}{{a}}", "{{b}}{{/each}}"]) },
        { "not a number", () => new DocxBuilder().Table(["{{#each rows mergeRepeats=true}}{{a}}", "{{b}}{{/each}}"]) },
        { "on an if", () => new DocxBuilder().Table(["{{#if rows mergeRepeats=1}}{{a}}", "{{b}}{{/if}}"]) },
        { "on paragraphs", () => new DocxBuilder().Paragraph("{{#each rows mergeRepeats=1}}").Paragraph("{{a}}").Paragraph("{{/each}}") },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void AMisusedOptionIsTpl014(string _, Func<DocxBuilder> template)
    {
        var problems = DocxTemplate.Compile(template().Build(), "t.docx", Options()).Problems;
        Assert.Contains(problems, p => p.Id == TemplateErrors.UnknownBlockOption && p.Tag.Contains("mergeRepeats"));
    }
}
