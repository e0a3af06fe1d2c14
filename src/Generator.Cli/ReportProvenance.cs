using System.Security.Cryptography;
using System.Text;
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
    public static ReportProvenance? ReadFrom(string docx)
    {
        var values = WordPackageProperties.CustomPropertiesOf(docx);
        if (values is null || !values.TryGetValue(SourceShaProperty, out var sha) || !values.TryGetValue(TemplateProperty, out var template))
            return null;   // not one of our reports: it is left alone
        return new ReportProvenance(values.GetValueOrDefault(SourceNameProperty) ?? "", sha, template);
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
