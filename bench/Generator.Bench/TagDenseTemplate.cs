using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Generator.Bench;

/// <summary>
/// Issue 13's tag-dense template: the text of a real published report (reference 000), one
/// paragraph per line, every number replaced by a tag {{vN}}, and the flat JSON of those numbers.
/// Both engines fill the same template (ours as written, docxtemplater's after PeerTemplate's rewrite).
/// </summary>
internal static partial class TagDenseTemplate
{
    public sealed record Built(byte[] Docx, string Json, int Paragraphs, int Tags);

    public static Built From(string referenceText)
    {
        var values = new Dictionary<string, string>();
        var paragraphs = new List<string>();
        foreach (var line in referenceText.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            paragraphs.Add(Number().Replace(line, m =>
            {
                var name = $"v{values.Count + 1}";
                values[name] = m.Value;
                return "{{" + name + "}}";
            }));
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            foreach (var text in paragraphs)
                body.Append(new Paragraph(new Run(
                    new RunProperties(new RunFonts { EastAsia = "仿宋_GB2312" }, new FontSize { Val = "32" }),
                    new Text(text) { Space = SpaceProcessingModeValues.Preserve })));
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }));
            document.AddMainDocumentPart().Document = new Document(body);
        }
        return new Built(stream.ToArray(), JsonSerializer.Serialize(values), paragraphs.Count, values.Count);
    }

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex Number();
}
