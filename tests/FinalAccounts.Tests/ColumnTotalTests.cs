using System.Text.Json;
using DocxTemplating;
using FinalAccounts.Report;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 15: a template sums a column for its 合计 row ({{thousands (sum funds "executed")}}), printed as the report's
/// figures are; a column with a figure the workbook did not give has no total — the placeholder, never a smaller sum or 0.00.
/// </summary>
public class ColumnTotalTests
{
    private static string Render(string tag, string json)
    {
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph(tag).Build(), "t.docx", ReportTemplate.Options(null));
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        var output = compiled.Template!.Render(DataTree.FromJson(JsonDocument.Parse(json).RootElement)!);
        Assert.Empty(DocxText.ValidationErrors(output));
        return DocxText.Of(output).Trim();
    }

    private const string Funds = """{ "funds": [ { "executed": { "value": 1234.5, "isMissing": false } }, { "executed": { "value": 100.25, "isMissing": false } } ] }""";
    private const string FundsWithBlank = """{ "funds": [ { "executed": { "value": 1234.5, "isMissing": false } }, { "executed": { "value": 0, "isMissing": true } } ] }""";

    [Fact]
    public void TheTotalPrintsLikeTheFiguresBesideIt()
    {
        // 1234.50 + 100.25 = 1334.75
        Assert.Equal("1,334.75 1334.75", Render("{{thousands (sum funds \"executed\")}} {{plain (sum funds \"executed\")}}", Funds));
    }

    [Fact]
    public void AColumnWithABlankHasNoTotalButAPlaceholder()
    {
        Assert.Equal("【待填写：合计】 【待填写：执行数合计】", Render("{{thousands (sum funds \"executed\")}} {{plain (sum funds \"executed\") \"执行数合计\"}}", FundsWithBlank));
    }

    [Fact]
    public void ATemplatesOwnPlaceholderIsUsed()
    {
        var options = ReportTemplate.Options(null);
        ReportHelpers.RegisterFigures(options, "【请补充：{0}】");
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{thousands (sum funds \"executed\")}}").Build(), "t.docx", options);
        var output = compiled.Template!.Render(DataTree.FromJson(JsonDocument.Parse(FundsWithBlank).RootElement)!);
        Assert.Equal("【请补充：合计】", DocxText.Of(output).Trim());
    }
}
