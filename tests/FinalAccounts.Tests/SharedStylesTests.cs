using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;
using FinalAccounts.Report;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// A template's styles are parsed once and shared by its reports (issue 13's render time): each report
/// must still follow its own template's styles, whichever template rendered before it.
/// </summary>
public class SharedStylesTests
{
    private static byte[] Template(bool withOutlineStyle)
    {
        var package = new DocxBuilder().Paragraph("{{text \"概况\"}}").Build();
        if (!withOutlineStyle)
            return package;
        using var stream = new MemoryStream();
        stream.Write(package);
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
            styles.Append(new Style(new StyleName { Val = "文字一级标题" }, new StyleParagraphProperties(new OutlineLevel { Val = 0 }))
            { Type = StyleValues.Paragraph, StyleId = NamedTextBuilder.LevelStyles[0] });
            styles.Save();
        }
        return stream.ToArray();
    }

    private static readonly Dictionary<string, object?> Data = new()
    {
        ["texts"] = new List<object?>
        {
            new Dictionary<string, object?>
            {
                ["name"] = "概况",
                ["paragraphs"] = new List<object?> { new Dictionary<string, object?> { ["text"] = "一、基本职能", ["level"] = 1m } },
            },
        },
    };

    /// <param name="templateStylesInvalid">The template's own styles.xml breaks the schema (and the report keeps it as it is); everything else must validate.</param>
    private static string? HeadingStyle(DocxTemplate template, bool templateStylesInvalid = false)
    {
        var docx = template.Render(Data);
        var errors = DocxText.ValidationErrors(docx);
        if (templateStylesInvalid)
            Assert.All(errors, e => Assert.StartsWith("/word/styles.xml ", e));
        else
            Assert.Empty(errors);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var paragraph = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Single(p => p.InnerText == "一、基本职能");
        return paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
    }

    [Fact]
    public void ATemplateWithAnEmptyStylesPartStillRenders()
    {
        // The SDK reads a styles part of under 4 bytes as no styles; so does the shared copy.
        using var stream = new MemoryStream();
        stream.Write(Template(withOutlineStyle: false));
        using (var document = WordprocessingDocument.Open(stream, true))
            document.MainDocumentPart!.StyleDefinitionsPart!.FeedData(new MemoryStream());
        var template = DocxTemplate.Compile(stream.ToArray(), "empty-styles.docx", ReportTemplate.Options(null)).Template!;
        Assert.NotEqual("TextHeading1", HeadingStyle(template));
    }

    [Theory]
    [InlineData("")]
    [InlineData("不是 XML")]
    public void TheStyleCheckFindsNothingInAStylesPartItCannotRead(string content)
    {
        using var stream = new MemoryStream();
        stream.Write(Template(withOutlineStyle: false));
        using (var document = WordprocessingDocument.Open(stream, true))
            document.MainDocumentPart!.StyleDefinitionsPart!.FeedData(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)));
        Assert.Empty(TemplateStyleCheck.Check(stream.ToArray(), "t.docx"));
    }

    [Fact]
    public void TwoStylesWithOneIdAreReadAsWordReadsThemNotACrash()
    {
        // Hand-edited templates can define an id twice; the first definition counts (the level style here).
        using var stream = new MemoryStream();
        stream.Write(Template(withOutlineStyle: true));
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
            styles.Append(new Style(new StyleName { Val = "重复" }) { Type = StyleValues.Paragraph, StyleId = NamedTextBuilder.LevelStyles[0] });
            styles.Save();
        }
        var template = DocxTemplate.Compile(stream.ToArray(), "duplicate-styles.docx", ReportTemplate.Options(null)).Template!;
        Assert.Equal("TextHeading1", HeadingStyle(template, templateStylesInvalid: true));
    }

    [Fact]
    public void EachReportUsesItsOwnTemplatesStyles()
    {
        var with = DocxTemplate.Compile(Template(withOutlineStyle: true), "with.docx", ReportTemplate.Options(null)).Template!;
        var without = DocxTemplate.Compile(Template(withOutlineStyle: false), "without.docx", ReportTemplate.Options(null)).Template!;

        // Alternating, so each render finds the other template's styles already parsed and shared.
        Assert.Equal("TextHeading1", HeadingStyle(with));
        Assert.NotEqual("TextHeading1", HeadingStyle(without));
        Assert.Equal("TextHeading1", HeadingStyle(with));
        Assert.NotEqual("TextHeading1", HeadingStyle(without));
    }
}
