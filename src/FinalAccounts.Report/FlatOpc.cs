using System.IO.Packaging;
using System.Xml.Linq;

namespace FinalAccounts.Report;

/// <summary>
/// Flat OPC: a whole Word package in one XML file (Word opens it and saves it as "Word XML
/// Document"). Templates are kept in this form so a change reviews as a text diff; this turns
/// one into a .docx in memory.
/// </summary>
public static class FlatOpc
{
    private static readonly XNamespace Pkg = "http://schemas.microsoft.com/office/2006/xmlPackage";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static byte[] ToDocx(string flatOpcXml) => ToDocx(XDocument.Parse(flatOpcXml));

    /// <summary>The file as saved (its XML declaration names the encoding).</summary>
    public static byte[] ToDocx(byte[] flatOpcFile) => ToDocx(XDocument.Load(new MemoryStream(flatOpcFile, writable: false)));

    /// <summary>
    /// Throws <see cref="System.Xml.XmlException"/> for text that is not XML and <see cref="InvalidDataException"/>
    /// (a Chinese sentence) for XML that is not a Word package, so a damaged template is a finding, not a crash.
    /// </summary>
    private static byte[] ToDocx(XDocument flatOpc)
    {
        var root = flatOpc.Root!;
        if (root.Name != Pkg + "package")
            throw new InvalidDataException($"根元素是 <{root.Name.LocalName}>，不是 <pkg:package>。");
        var parts = root.Elements(Pkg + "part").ToList();
        foreach (var part in parts)
            if (part.Attribute(Pkg + "name") is null || part.Attribute(Pkg + "contentType") is null && !IsRelationships(part)
                || part.Element(Pkg + "binaryData") is null && part.Element(Pkg + "xmlData")?.Elements().Any() != true)
                throw new InvalidDataException($"部件 {(string?)part.Attribute(Pkg + "name") ?? "（无名称）"} 缺少名称、类型或内容。");
        try
        {
            return Build(parts);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or UriFormatException or NullReferenceException)
        {
            throw new InvalidDataException($"部件或关系无法组成 Word 文档（{ex.Message}）。");
        }
    }

    private static byte[] Build(List<XElement> parts)
    {
        using var stream = new MemoryStream();
        using (var package = Package.Open(stream, FileMode.Create))
        {
            foreach (var part in parts.Where(p => !IsRelationships(p)))
            {
                var created = package.CreatePart(new Uri(Name(part), UriKind.Relative), (string)part.Attribute(Pkg + "contentType")!, CompressionOption.Fast);
                using var output = created.GetStream();
                if (part.Element(Pkg + "binaryData") is { } binary)
                    output.Write(Convert.FromBase64String(binary.Value));
                else
                    new XDocument(part.Element(Pkg + "xmlData")!.Elements().First()).Save(output, SaveOptions.DisableFormatting);
            }
            foreach (var part in parts.Where(IsRelationships))
            {
                var source = SourceOf(Name(part));
                foreach (var relationship in part.Element(Pkg + "xmlData")!.Elements().First().Elements(Rel + "Relationship"))
                {
                    var target = (string)relationship.Attribute("Target")!;
                    var mode = (string?)relationship.Attribute("TargetMode") == "External" ? TargetMode.External : TargetMode.Internal;
                    var uri = new Uri(target, mode == TargetMode.External ? UriKind.Absolute : UriKind.Relative);
                    var type = (string)relationship.Attribute("Type")!;
                    var id = (string)relationship.Attribute("Id")!;
                    if (source is null)
                        package.CreateRelationship(uri, mode, type, id);
                    else
                        package.GetPart(new Uri(source, UriKind.Relative)).CreateRelationship(uri, mode, type, id);
                }
            }
        }
        return stream.ToArray();
    }

    private static string Name(XElement part) => (string?)part.Attribute(Pkg + "name") ?? "";

    private static bool IsRelationships(XElement part) => Name(part).EndsWith(".rels", StringComparison.Ordinal);

    /// <summary>/word/_rels/document.xml.rels belongs to /word/document.xml; /_rels/.rels to the package.</summary>
    private static string? SourceOf(string relationshipsPart)
    {
        if (relationshipsPart == "/_rels/.rels")
            return null;
        var folder = relationshipsPart[..relationshipsPart.IndexOf("/_rels/", StringComparison.Ordinal)];
        var file = relationshipsPart[(relationshipsPart.LastIndexOf('/') + 1)..^".rels".Length];
        return $"{folder}/{file}";
    }
}
