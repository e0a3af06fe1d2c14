using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Generator.Cli;

/// <summary>
/// A Word document's custom properties (File → Info → Properties), read from the zip as it stands, not through the
/// OpenXml SDK: reports are recognised by them before every `generate` and `render` whose output is already there, and
/// over every report of a batch's output folder, and opening a package with the SDK cost a cold process about 12 ms (a
/// tenth of the native program's `render`). Only what the SDK would need to call the file a Word document is asked for:
/// the package's main part is one, by its relationship and content type, and the properties part is of its own type.
/// </summary>
public static class WordPackageProperties
{
    /// <summary>The custom properties by name (the first of a name, as Word shows it), each the text of its value; null for a file that is not a Word document, or has none.</summary>
    public static IReadOnlyDictionary<string, string>? CustomPropertiesOf(string docx)
    {
        // A named pipe (or device, socket) named like a report is none, and opening a pipe would wait for a writer forever.
        if (!FinalAccounts.Input.UnixFile.IsRegular(docx))
            return null;
        try
        {
            using var zip = ZipFile.OpenRead(docx);
            if (zip.Entries.Count > MaxEntries)
                return null;
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
            {
                if (!entries.TryAdd(entry.FullName, entry))
                    return null;   // two entries for one part name: not a package Word or the SDK would open
            }
            var targets = PackageRelationships(entries);
            if (targets is null || !targets.TryGetValue(OfficeDocumentRelationship, out var main) || !entries.ContainsKey(main)
                || !targets.TryGetValue(CustomPropertiesRelationship, out var custom) || !entries.TryGetValue(custom, out var customEntry))
                return null;
            // The main part a Word document, the properties part of its own type: the SDK opens nothing else.
            var mediaTypes = MediaTypesOf(entries, main, custom);
            if (!WordContentTypes.Contains(mediaTypes[0]) || !string.Equals(mediaTypes[1], CustomPropertiesContentType, StringComparison.OrdinalIgnoreCase))
                return null;
            return CustomProperties(customEntry);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or XmlException
                                       or UriFormatException or ArgumentException or NotSupportedException)
        {
            return null;   // not a package Word would open
        }
    }

    /// <summary>A report has a few dozen parts; a file with more is not treated as one (its entries are not looked up one by one).</summary>
    private const int MaxEntries = 10_000;

    private const string OfficeDocumentRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string CustomPropertiesRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string CustomPropertiesNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
    private const string CustomPropertiesContentType = "application/vnd.openxmlformats-officedocument.custom-properties+xml";

    /// <summary>A document saved as Strict Open XML names the main and properties parts and the properties' namespace so; the SDK reads it as the transitional one.</summary>
    private static readonly Dictionary<string, string> StrictRelationships = new(StringComparer.Ordinal)
    {
        ["http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"] = OfficeDocumentRelationship,
        ["http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties"] = CustomPropertiesRelationship,
    };
    private const string StrictCustomPropertiesNamespace = "http://purl.oclc.org/ooxml/officeDocument/customProperties";

    /// <summary>The main part's content types WordprocessingDocument opens: document, template, and their macro-enabled kinds.</summary>
    private static readonly HashSet<string> WordContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    };

    /// <summary>Small parts, read with no DTD and a bound on their length, so a crafted file costs no more than a real one.</summary>
    private static readonly XmlReaderSettings PartReading = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 4 * 1024 * 1024,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>The package's relationships (_rels/.rels) by type, the first of each, as entry names; null without them.</summary>
    private static Dictionary<string, string>? PackageRelationships(Dictionary<string, ZipArchiveEntry> entries)
    {
        if (!entries.TryGetValue("_rels/.rels", out var rels))
            return null;
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(rels.Open(), PartReading);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship" || reader.NamespaceURI != RelationshipsNamespace
                || reader.GetAttribute("TargetMode") is "External" || reader.GetAttribute("Type") is not { } type || reader.GetAttribute("Target") is not { } target)
                continue;
            if (EntryNameOf(target) is not { } entry)
                return null;   // a target the SDK would not resolve to a part: not a package it opens
            targets.TryAdd(StrictRelationships.GetValueOrDefault(type, type), entry);
        }
        return targets;
    }

    private static readonly Uri PackageRoot = new("http://package/");

    /// <summary>
    /// The zip entry a package relationship's target names: resolved against the package's root as the SDK resolves it
    /// ("word/document.xml", "/word/document.xml", "./word/document.xml" alike; surrounding blanks ignored), unescaped;
    /// null for an absolute URI, one naming another authority ("//host/…"), or one with a query or fragment.
    /// </summary>
    private static string? EntryNameOf(string target)
    {
        if (!Uri.TryCreate(target.Trim(), UriKind.Relative, out var relative) || !Uri.TryCreate(PackageRoot, relative, out var resolved)
            || resolved.Authority != PackageRoot.Authority || resolved.Query.Length > 0 || resolved.Fragment.Length > 0)
            return null;
        return Uri.UnescapeDataString(resolved.AbsolutePath).TrimStart('/');
    }

    /// <summary>
    /// The parts' media types (content types without parameters: "…main+xml; charset=utf-8" is a Word main part to the
    /// SDK too) as [Content_Types].xml gives them: each part's override, else the default for its extension; "" for none.
    /// </summary>
    private static string[] MediaTypesOf(Dictionary<string, ZipArchiveEntry> entries, params string[] parts)
    {
        var overrides = new string?[parts.Length];
        var defaults = new string?[parts.Length];
        if (entries.TryGetValue("[Content_Types].xml", out var types))
        {
            var extensions = parts.Select(p => Path.GetExtension(p).TrimStart('.')).ToArray();
            using var reader = XmlReader.Create(types.Open(), PartReading);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != ContentTypesNamespace)
                    continue;
                for (var i = 0; i < parts.Length; i++)
                {
                    if (reader.LocalName == "Override" && string.Equals(reader.GetAttribute("PartName")?.TrimStart('/'), parts[i], StringComparison.OrdinalIgnoreCase))
                        overrides[i] ??= reader.GetAttribute("ContentType");
                    else if (reader.LocalName == "Default" && string.Equals(reader.GetAttribute("Extension"), extensions[i], StringComparison.OrdinalIgnoreCase))
                        defaults[i] ??= reader.GetAttribute("ContentType");
                }
            }
        }
        return parts.Select((_, i) => (overrides[i] ?? defaults[i])?.Split(';')[0].Trim() ?? "").ToArray();
    }

    /// <summary>The custom properties by name (the first of a name, as Word shows it), each the text of its value.</summary>
    private static Dictionary<string, string> CustomProperties(ZipArchiveEntry part)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(part.Open(), PartReading);
        // The part's Properties element and its property children only, as the SDK reads them.
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Properties"
            || reader.NamespaceURI is not (CustomPropertiesNamespace or StrictCustomPropertiesNamespace))
            return values;
        var propertiesNamespace = reader.NamespaceURI;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1 || reader.LocalName != "property" || reader.NamespaceURI != propertiesNamespace)
                continue;
            var name = reader.GetAttribute("name");
            var text = new StringBuilder();
            using (var property = reader.ReadSubtree())
            {
                while (property.Read())
                {
                    if (property.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                        text.Append(property.Value);
                }
            }
            if (name is not null)
                values.TryAdd(name, text.ToString());
        }
        return values;
    }

}
