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

    public static byte[] ToDocx(string flatOpcXml)
    {
        var parts = XDocument.Parse(flatOpcXml).Root!.Elements(Pkg + "part").ToList();
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

    private static string Name(XElement part) => (string)part.Attribute(Pkg + "name")!;

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
