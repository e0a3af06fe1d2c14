using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// An .xlsx as its zip parts, changed at the XML level: what a crafted or foreign-tool workbook
/// holds that <see cref="WorkbookEditor"/> (which writes clean inline strings) cannot express —
/// shared strings, raw references, flipped bytes.
/// </summary>
public sealed class XlsxPackage
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public Dictionary<string, byte[]> Parts { get; } = new(StringComparer.Ordinal);

    public static XlsxPackage Load(string path)
    {
        var package = new XlsxPackage();
        using var zip = ZipFile.OpenRead(path);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            package.Parts[entry.FullName] = copy.ToArray();
        }
        return package;
    }

    public string Text(string part) => Encoding.UTF8.GetString(Parts[part]).TrimStart('\uFEFF');

    public XlsxPackage SetText(string part, string text)
    {
        Parts[part] = Encoding.UTF8.GetBytes(text);
        return this;
    }

    /// <summary>The part path of a sheet by its name, through workbook.xml and its relationships.</summary>
    public string SheetPart(string sheetName)
    {
        var workbook = XDocument.Parse(Text("xl/workbook.xml"));
        var id = workbook.Descendants(Main + "sheet").Single(s => (string?)s.Attribute("name") == sheetName).Attribute(Rel + "id")!.Value;
        var rels = XDocument.Parse(Text("xl/_rels/workbook.xml.rels"));
        var target = rels.Root!.Elements().Single(r => (string?)r.Attribute("Id") == id).Attribute("Target")!.Value;
        return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }

    /// <summary>Changes one sheet's XML.</summary>
    public XlsxPackage EditSheet(string sheetName, Action<XDocument> change)
    {
        var part = SheetPart(sheetName);
        var sheet = XDocument.Parse(Text(part));
        change(sheet);
        return SetText(part, sheet.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>Replaces the cell at a reference (creating it in its row) with the given element content.</summary>
    public XlsxPackage SetCell(string sheetName, string reference, string? type, params XElement[] content) => EditSheet(sheetName, sheet =>
    {
        var rowNumber = new string(reference.SkipWhile(char.IsAsciiLetter).ToArray());
        var data = sheet.Descendants(Main + "sheetData").Single();
        var row = data.Elements(Main + "row").FirstOrDefault(r => (string?)r.Attribute("r") == rowNumber);
        if (row is null)
        {
            row = new XElement(Main + "row", new XAttribute("r", rowNumber));
            var after = data.Elements(Main + "row").LastOrDefault(r => long.Parse((string)r.Attribute("r")!) < long.Parse(rowNumber));
            if (after is null) data.AddFirst(row); else after.AddAfterSelf(row);
        }
        row.Elements(Main + "c").Where(c => (string?)c.Attribute("r") == reference).Remove();
        var cell = new XElement(Main + "c", new XAttribute("r", reference), content);
        if (type is not null)
            cell.Add(new XAttribute("t", type));
        row.Add(cell);
        // Excel writes cells of a row in column order; a stray far column goes last.
        var ordered = row.Elements(Main + "c").OrderBy(c => Column((string)c.Attribute("r")!)).ToList();
        row.Elements(Main + "c").Remove();
        row.Add(ordered);
    });

    /// <summary>Adds (or replaces) xl/sharedStrings.xml with these strings, registered like Excel does.</summary>
    public XlsxPackage WithSharedStrings(params string[] strings)
    {
        var text = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\" count=\"{strings.Length}\" uniqueCount=\"{strings.Length}\">");
        foreach (var s in strings)
            text.Append("<si><t xml:space=\"preserve\">").Append(System.Security.SecurityElement.Escape(s)).Append("</t></si>");
        text.Append("</sst>");
        SetText("xl/sharedStrings.xml", text.ToString());
        var types = Text("[Content_Types].xml");
        if (!types.Contains("/xl/sharedStrings.xml"))
            SetText("[Content_Types].xml", types.Replace("</Types>",
                "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>"));
        var rels = Text("xl/_rels/workbook.xml.rels");
        if (!rels.Contains("sharedStrings.xml"))
            SetText("xl/_rels/workbook.xml.rels", rels.Replace("</Relationships>",
                "<Relationship Id=\"rIdSst\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"));
        return this;
    }

    /// <summary>
    /// The same workbook in Strict OOXML (ISO 29500 Strict, Excel's "Strict Open XML 电子表格"): the
    /// spreadsheet markup and the relationships in the purl.oclc.org namespaces, conformance="strict".
    /// </summary>
    public XlsxPackage ToStrict()
    {
        foreach (var part in Parts.Keys.Where(p => p.EndsWith(".xml") || p.EndsWith(".rels")).ToList())
            SetText(part, Text(part)
                .Replace(Main.NamespaceName, RawWorkbook.StrictMain)
                .Replace(Rel.NamespaceName, "http://purl.oclc.org/ooxml/officeDocument/relationships"));
        var workbook = Text("xl/workbook.xml");
        var rootEnd = workbook.IndexOf('>', workbook.IndexOf("<x:workbook", StringComparison.Ordinal) is var at and >= 0 ? at : workbook.IndexOf("<workbook", StringComparison.Ordinal));
        return SetText("xl/workbook.xml", workbook.Insert(rootEnd, " conformance=\"strict\""));
    }

    /// <summary>
    /// Every inline string moved to the shared-strings part as rich text, the way Excel saves text
    /// typed with mixed fonts in a Chinese or Japanese workbook: two formatted runs and a phonetic
    /// (rPh) reading that is not part of the cell's text.
    /// </summary>
    public XlsxPackage ToSharedRichText()
    {
        var strings = new List<XElement>();
        foreach (var part in Parts.Keys.Where(p => p.StartsWith("xl/worksheets/") && p.EndsWith(".xml")).ToList())
        {
            var sheet = XDocument.Parse(Text(part));
            foreach (var cell in sheet.Descendants(Main + "c").Where(c => (string?)c.Attribute("t") == "inlineStr").ToList())
            {
                var text = string.Concat(cell.Descendants(Main + "t").Select(t => t.Value));
                var split = Math.Max(1, text.Length / 2);
                strings.Add(new XElement(Main + "si",
                    Run(text[..split], bold: true),
                    text.Length > split ? Run(text[split..], bold: false) : null,
                    new XElement(Main + "rPh", new XAttribute("sb", 0), new XAttribute("eb", split), new XElement(Main + "t", "ヨミ")),
                    new XElement(Main + "phoneticPr", new XAttribute("fontId", 0), new XAttribute("type", "noConversion"))));
                cell.Elements().Remove();
                cell.SetAttributeValue("t", "s");
                cell.Add(V((strings.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            SetText(part, sheet.ToString(SaveOptions.DisableFormatting));
        }
        WithSharedStrings();
        var sst = new XElement(Main + "sst", new XAttribute("count", strings.Count), new XAttribute("uniqueCount", strings.Count), strings);
        return SetText("xl/sharedStrings.xml", sst.ToString(SaveOptions.DisableFormatting));

        static XElement Run(string text, bool bold) => new(Main + "r",
            new XElement(Main + "rPr", bold ? new XElement(Main + "b") : null, new XElement(Main + "sz", new XAttribute("val", 11))),
            new XElement(Main + "t", new XAttribute(XNamespace.Xml + "space", "preserve"), text));
    }

    public string Save(string path)
    {
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            foreach (var (name, bytes) in Parts)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(bytes);
            }
        return path;
    }

    private static long Column(string reference)
    {
        long column = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter))
            column = column * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        return column;
    }

    public static XElement V(string value) => new(Main + "v", value);

    public static XElement F(string formula) => new(Main + "f", formula);

    public static XElement Inline(string text) => new(Main + "is", new XElement(Main + "t", new XAttribute(XNamespace.Xml + "space", "preserve"), text));
}
