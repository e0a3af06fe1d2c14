using System.IO.Compression;

namespace DocxTemplating;

/// <summary>
/// How large a template may be. Real templates are well under a megabyte and these limits are far above any; they
/// keep a mistaken or crafted file — a 300 kB .docx whose document.xml inflates to gigabytes took 8 GB of memory
/// and more than a minute before anything was said — from taking the machine: it is TPL038 at once.
/// </summary>
public static class TemplateLimits
{
    /// <summary>The template file (template.xml or template.docx) as it lies on disk.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Any one XML part of the package, unpacked (a default template's document is 64 kB; 8 MB of XML takes some
    /// seconds and half a gigabyte to open). A part is XML by what it holds, not by its name: a main document may
    /// be named like an image. Images are limited only by the package's total.
    /// </summary>
    public const long MaxXmlPartBytes = 8L * 1024 * 1024;

    /// <summary>All parts together, unpacked.</summary>
    public const long MaxPackageBytes = 64L * 1024 * 1024;

    public const int MaxParts = 10_000;

    /// <summary>
    /// How deeply an XML part's elements may nest. Word's deepest (a chart in a text box in a nested table) are a few
    /// dozen levels; the SDK's parser recurses per level, and 200 000 levels overflowed the stack — a crash no
    /// handler can catch, so the depth is measured before the SDK sees the part.
    /// </summary>
    public const int MaxXmlDepth = 256;

    /// <summary>
    /// How deeply blocks may nest ({{else if}} counts as a level): a real template nests a handful. Checking and filling
    /// recurse per level, and 50 000 nested {{#if}} in one paragraph overflowed the stack.
    /// </summary>
    public const int MaxBlockDepth = 64;

    /// <summary>
    /// What one fill may produce: paragraphs, table rows and loop items together. A whole report is a few thousand;
    /// loops nested in loops multiply (eight {{#each}} over nine 附表 are 43 million items) and would fill memory.
    /// </summary>
    public const int MaxRenderSteps = 500_000;

    /// <summary>The text one tag or loop may leave in a single run: a report's longest paragraph is a few thousand characters.</summary>
    public const int MaxTextChars = 10_000_000;

    /// <summary>settings.json: a few hundred bytes in every shipped template.</summary>
    public const long MaxSettingsBytes = 1024 * 1024;

    /// <summary>
    /// Why a template package is too large to open, or null. The sizes are the ones the package declares; reading a
    /// part never goes past its declared size (the zip reader stops there), so a part cannot be larger than it says.
    /// A package that is not a zip at all is left to the compiler, which reports a damaged template.
    /// </summary>
    public static string? PackageProblem(byte[] package)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts)
                return $"模板有 {zip.Entries.Count} 个部件，超过上限 {MaxParts} 个。";
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (IsXml(entry))
                {
                    if (entry.Length > MaxXmlPartBytes)
                        return $"模板中的“{entry.FullName}”解压后有 {Megabytes(entry.Length)}，超过单个 XML 部件的上限 {Megabytes(MaxXmlPartBytes)}（正常的模板不到 1 MB）。";
                    if (DepthPast(entry, MaxXmlDepth))
                        return $"模板中的“{entry.FullName}”的元素嵌套超过 {MaxXmlDepth} 层（Word 文档不过几十层）。";
                }
                total += entry.Length;
            }
            return total > MaxPackageBytes ? $"模板解压后共有 {Megabytes(total)}，超过上限 {Megabytes(MaxPackageBytes)}（正常的模板不到 1 MB）。" : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Whether a part holds XML: after a byte-order mark and white space (or UTF-16's zero bytes) it starts with “&lt;”.</summary>
    private static bool IsXml(ZipArchiveEntry entry)
    {
        Span<byte> start = stackalloc byte[64];
        using var stream = entry.Open();
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        foreach (var b in start[..read])
        {
            if (b is 0xEF or 0xBB or 0xBF or 0xFF or 0xFE or 0 or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                continue;
            return b == (byte)'<';
        }
        return false;
    }

    /// <summary>
    /// Whether an XML part nests deeper than <paramref name="limit"/>: read as a stream, never as a tree. A part that is
    /// not well-formed is left to the compiler, which reports the template as damaged.
    /// </summary>
    private static bool DepthPast(ZipArchiveEntry entry, int limit)
    {
        using var stream = entry.Open();
        return DepthPast(stream, limit);
    }

    /// <summary>Whether the XML in a stream nests deeper than <paramref name="limit"/>; false for text that is not well-formed.</summary>
    public static bool DepthPast(Stream xml, int limit)
    {
        try
        {
            using var reader = System.Xml.XmlReader.Create(xml, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Ignore, XmlResolver = null });
            while (reader.Read())
                if (reader.Depth > limit)
                    return true;
            return false;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    /// <summary>What a maintainer is told to do about a template that is too large.</summary>
    public const string Advice = "多为选错了文件，或文件已损坏、被构造；请用 Word 打开原模板另存后再用。";

    /// <summary>
    /// For a template nested too deep to fill: another save in Word keeps the nesting, so the advice is where to change it.
    /// </summary>
    public const string NestingAdvice = "请在所指位置减少嵌套：把表格中套的表格或文本框中的文本框移出来，或把一个块拆成前后几个。";

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):0.#} MB";
}
