using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.CustomProperties;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.VariantTypes;

namespace Generator.Cli;

/// <summary>
/// What a report was made from, kept in the .docx's custom document properties (File → Info →
/// Properties in Word): the workbook's file name and SHA-256 and the template's identity. A batch
/// rerun reads them to recognise a report that is already current, and to regenerate one into the
/// name it already has.
/// </summary>
public sealed record ReportProvenance(string SourceName, string SourceSha256, string TemplateIdentity)
{
    private const string SourceNameProperty = "GeneratorSourceWorkbook";
    private const string SourceShaProperty = "GeneratorSourceSha256";
    private const string TemplateProperty = "GeneratorTemplateIdentity";

    /// <summary>The custom properties' format id that Office uses for user-defined properties.</summary>
    private const string UserDefinedFormatId = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

    public static string Sha256Of(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// A template's identity: the SHA-256 over every file of its folder (names and contents, in
    /// name order), so any change of the template or its settings.json makes earlier reports stale.
    /// </summary>
    public static string TemplateIdentityOf(string templatePath)
    {
        var folder = Directory.Exists(templatePath) ? templatePath : Path.GetDirectoryName(Path.GetFullPath(templatePath))!;
        var files = Directory.Exists(templatePath)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            : new[] { Path.GetFullPath(templatePath), Path.Combine(folder, "settings.json") }.Where(File.Exists);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Records the provenance in a document open for rendering (its last step); saves the properties part it changes; other properties are kept.</summary>
    public void StampInto(WordprocessingDocument word)
    {
        var part = word.CustomFilePropertiesPart ?? word.AddCustomFilePropertiesPart();
        part.Properties ??= new Properties();
        var properties = part.Properties;
        foreach (var (name, value) in new[] { (SourceNameProperty, SourceName), (SourceShaProperty, SourceSha256), (TemplateProperty, TemplateIdentity) })
        {
            foreach (var old in properties.Elements<CustomDocumentProperty>().Where(p => p.Name?.Value == name).ToList())
                old.Remove();
            var id = properties.Elements<CustomDocumentProperty>().Select(p => p.PropertyId?.Value ?? 1).DefaultIfEmpty(1).Max() + 1;
            var property = new CustomDocumentProperty { FormatId = UserDefinedFormatId, PropertyId = id, Name = name };
            property.AppendChild(new VTLPWSTR(XmlSafe(value)));
            properties.AppendChild(property);
        }
        properties.Save();
    }

    /// <summary>The provenance recorded in a report, or null for a file without it (or not a Word document at all).</summary>
    /// <remarks>
    /// Read from the zip as it stands, not through the OpenXml SDK: this runs before every `generate` and `render` whose
    /// output is already there, and over every report of a batch's output folder, and opening a package with the SDK cost
    /// a cold process about 12 ms (a tenth of the native program's `render`). Only what the SDK would need to call the
    /// file a Word document is asked for: the package's main part is one, by its relationship and content type.
    /// </remarks>
    public static ReportProvenance? ReadFrom(string docx)
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
            var values = CustomProperties(customEntry);
            if (!values.TryGetValue(SourceShaProperty, out var sha) || !values.TryGetValue(TemplateProperty, out var template))
                return null;
            return new ReportProvenance(values.GetValueOrDefault(SourceNameProperty) ?? "", sha, template);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Xml.XmlException
                                       or UriFormatException or ArgumentException or NotSupportedException)
        {
            return null;   // not one of our reports: it is left alone
        }
    }

    /// <summary>A report has a few dozen parts; a file with more is not one (its entries are not looked up one by one).</summary>
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

    /// <summary>A file name may hold characters XML cannot (control characters, lone surrogates on Linux).</summary>
    private static string XmlSafe(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var pairStart = char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]);
            if (pairStart)
                i++;
            else if (char.IsSurrogate(chars[i]) || (char.IsControl(chars[i]) && chars[i] is not ('\t' or '\n' or '\r')))
                chars[i] = '_';
        }
        return new string(chars);
    }
}
