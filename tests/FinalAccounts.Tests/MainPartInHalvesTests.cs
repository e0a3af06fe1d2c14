using System.IO.Compression;
using System.Text.Json;
using DocxTemplating;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Where one report is made at a time, the main part's body is written in two halves by two threads. The part must be
/// byte for byte what one writer writes: the same namespace declarations, nothing declared twice, nothing lost at the seam.
/// </summary>
public class MainPartInHalvesTests
{
    [Fact]
    public void ALongBodyWrittenInHalvesIsTheSameBytes()
    {
        var builder = new DocxBuilder();
        for (var i = 0; i < 90; i++)
            builder.Paragraph($"第{i}段：", "{{name}}", "，金额", "{{amount}}", "万元。");
        builder.Table(["项目", "金额"], ["{{#each rows}}{{label}}", "{{value}}{{/each}}"]);
        // A paragraph naming a namespace the document's start tag may not declare: declared where it stands, by either writer.
        builder.Xml("<w:p xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" w14:paraId=\"1A2B3C4D\"><w:r><w:t>尾</w:t></w:r></w:p>");
        for (var i = 0; i < 40; i++)
            builder.Paragraph("{{#if name}}有名称{{/if}}", $"第{i}行");
        var data = JsonDocument.Parse("""{"name":"农业农村局 & <水利>","amount":"1,234.50","rows":[{"label":"甲","value":"1.00"},{"label":"乙","value":"2.00"}]}""").RootElement;
        var compiled = DocxTemplate.Compile(builder.Build(), "t.docx", new TemplateOptions { Schema = DataSchema.FromJson(data) });
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        var tree = DataTree.FromJson(data);
        var before = DocxTemplate.WrittenInHalves;
        var halves = compiled.Template!.Render(tree, spareCore: true);
        Assert.True(DocxTemplate.WrittenInHalves > before || Environment.ProcessorCount == 1);
        var whole = compiled.Template.Render(tree, spareCore: false);
        var text = MainPart(halves);
        Assert.Equal(MainPart(whole), text);
        var xml = System.Text.Encoding.UTF8.GetString(text);
        Assert.Contains("第89段：", xml);
        Assert.Contains("农业农村局 &amp; &lt;水利&gt;", xml);
        Assert.Contains("w14:paraId=\"1A2B3C4D\"", xml);
        Assert.Empty(DocxText.ValidationErrors(halves));
    }

    [Fact]
    public void TheSampleReportWrittenInHalvesIsTheSameBytes()
    {
        var template = CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", "default")).Template!;
        var sample = Path.Combine(Repo.Root, "input-samples", "sample-county-agriculture-2024.xlsx");
        var before = DocxTemplate.WrittenInHalves;
        var halves = ReportWriter.Build(sample, template, spareCore: true).Document!;
        Assert.True(DocxTemplate.WrittenInHalves > before || Environment.ProcessorCount == 1);
        // The packaging library names each new part's relationship at random (the charts'): those names aside, the same text.
        static string Named(byte[] part) => System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(part), "\"R[0-9a-f]{16}\"", "\"R\"");
        var whole = Named(MainPart(ReportWriter.Build(sample, template, spareCore: false).Document!));
        Assert.True(whole.Length > 100_000);
        Assert.Equal(whole, Named(MainPart(halves)));
        Assert.Empty(DocxText.ValidationErrors(halves));
    }

    public static TheoryData<string, string> StartTags => new()
    {
        // The main namespace bound to two prefixes: the SDK names the body by the binding the writer has in scope (the later).
        { "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">", "<w:body>" },
        // An attribute of the body: the SDK prefixes it by the writer's binding of its namespace too.
        { "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
            + "xmlns:mc2=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\">",
            "<w:body mc:Ignorable=\"w14\">" },
        // The body's own declarations.
        { "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">", "<w:body xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\">" },
    };

    [Theory]
    [MemberData(nameof(StartTags))]
    public void ABodyUnderStartTagsAsToolsWriteThemWrittenInHalvesIsTheSameBytes(string document, string body)
    {
        var builder = new DocxBuilder();
        for (var i = 0; i < 200; i++)
            builder.Paragraph($"第{i}段：", "{{name}}");
        var package = WithMainPart(builder.Build(), xml =>
        {
            var start = xml.IndexOf("<w:document", StringComparison.Ordinal);
            xml = xml[..start] + document + xml[(xml.IndexOf('>', start) + 1)..];
            return xml.Replace("<w:body>", body);
        });
        var data = JsonDocument.Parse("""{"name":"甲"}""").RootElement;
        var compiled = DocxTemplate.Compile(package, "t.docx", new TemplateOptions { Schema = DataSchema.FromJson(data) });
        Assert.Empty(compiled.Problems.Select(p => p.Format("t.docx")));
        var tree = DataTree.FromJson(data);
        var whole = System.Text.Encoding.UTF8.GetString(MainPart(compiled.Template!.Render(tree, spareCore: false)));
        Assert.Contains("第199段：", whole);
        Assert.Equal(whole, System.Text.Encoding.UTF8.GetString(MainPart(compiled.Template.Render(tree, spareCore: true))));
    }

    private static byte[] WithMainPart(byte[] docx, Func<string, string> change)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("word/document.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
                xml = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write(change(xml));
        }
        return stream.ToArray();
    }

    [Fact]
    public void TheSdkStillHoldsAnUnparsedElementsTextWhereTheEngineReadsAndGivesIt()
    {
        // The engine reads and gives an element's unparsed text through the SDK's internal property (RawXml); were it gone
        // from a later SDK, reports would still be right but slower: this says so at once.
        const string xml = "<w:tr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc></w:tr>";
        var row = new DocumentFormat.OpenXml.Wordprocessing.TableRow();
        Assert.True(RawXml.TrySet(row, xml));
        Assert.Equal(xml, RawXml.Of(row));
        Assert.Same(xml, row.OuterXml);
        Assert.Equal("甲", row.InnerText);   // parsed now
        Assert.Equal("", RawXml.Of(row));
    }

    private static byte[] MainPart(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        using var part = zip.GetEntry("word/document.xml")!.Open();
        using var bytes = new MemoryStream();
        part.CopyTo(bytes);
        return bytes.ToArray();
    }
}
