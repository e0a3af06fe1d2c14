using System.IO.Compression;
using System.Text;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// An .xlsx written from raw XML, part by part: the reader corpus's way to hold exactly the markup
/// another tool writes (shared rich text, t="d", the 1904 date system, ht="0", Strict namespaces)
/// without committing binary files. Sheets are given as the inner XML of their worksheet element.
/// </summary>
public sealed class RawWorkbook
{
    public const string TransitionalMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string StrictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string TransitionalRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    private readonly List<(string Name, string Xml, string? State)> _sheets = new();

    /// <summary>Strict OOXML (ISO 29500 Strict): other namespaces for the spreadsheet markup and the relationships.</summary>
    public bool Strict { get; init; }

    /// <summary>The workbookPr attribute as written, e.g. "1" or "true"; null for the 1900 date system.</summary>
    public string? Date1904 { get; init; }

    /// <summary>The inner XML of each si of xl/sharedStrings.xml; none means no shared-strings part.</summary>
    public List<string> SharedStrings { get; } = new();

    /// <summary>The inner XML of the styleSheet element.</summary>
    public string Styles { get; init; } = "<cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs>";

    private string Main => Strict ? StrictMain : TransitionalMain;

    private string Relationships => Strict ? StrictRelationships : TransitionalRelationships;

    /// <summary>Adds a sheet; <paramref name="sheetData"/> is the worksheet's inner XML (sheetData, mergeCells…).</summary>
    public RawWorkbook Sheet(string name, string sheetData, string? state = null)
    {
        _sheets.Add((name, sheetData, state));
        return this;
    }

    public string Save(string path)
    {
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = ContentTypes(),
            ["_rels/.rels"] = $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
            ["xl/workbook.xml"] = Workbook(),
            ["xl/_rels/workbook.xml.rels"] = WorkbookRelationships(),
            ["xl/styles.xml"] = $"<styleSheet xmlns=\"{Main}\">{Styles}</styleSheet>",
        };
        if (SharedStrings.Count > 0)
            parts["xl/sharedStrings.xml"] = $"<sst xmlns=\"{Main}\" count=\"{SharedStrings.Count}\" uniqueCount=\"{SharedStrings.Count}\">"
                                            + string.Concat(SharedStrings.Select(s => $"<si>{s}</si>")) + "</sst>";
        for (var i = 0; i < _sheets.Count; i++)
            parts[$"xl/worksheets/sheet{i + 1}.xml"] = $"<worksheet xmlns=\"{Main}\" xmlns:r=\"{Relationships}\">{_sheets[i].Xml}</worksheet>";
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, xml) in parts)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml));
        }
        return path;
    }

    private string Workbook()
    {
        var text = new StringBuilder($"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"{(Strict ? " conformance=\"strict\"" : "")}>");
        text.Append(Date1904 is null ? "<workbookPr/>" : $"<workbookPr date1904=\"{Date1904}\"/>");
        text.Append("<sheets>");
        for (var i = 0; i < _sheets.Count; i++)
            text.Append($"<sheet name=\"{System.Security.SecurityElement.Escape(_sheets[i].Name)}\" sheetId=\"{i + 1}\"")
                .Append(_sheets[i].State is { } state ? $" state=\"{state}\"" : "")
                .Append($" r:id=\"rId{i + 1}\"/>");
        return text.Append("</sheets></workbook>").ToString();
    }

    private string WorkbookRelationships()
    {
        var text = new StringBuilder("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (var i = 0; i < _sheets.Count; i++)
            text.Append($"<Relationship Id=\"rId{i + 1}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>");
        text.Append($"<Relationship Id=\"rIdStyles\" Type=\"{Relationships}/styles\" Target=\"styles.xml\"/>");
        if (SharedStrings.Count > 0)
            text.Append($"<Relationship Id=\"rIdSst\" Type=\"{Relationships}/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        return text.Append("</Relationships>").ToString();
    }

    private string ContentTypes()
    {
        const string ml = "application/vnd.openxmlformats-officedocument.spreadsheetml";
        var text = new StringBuilder("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + $"<Override PartName=\"/xl/workbook.xml\" ContentType=\"{ml}.sheet.main+xml\"/>"
            + $"<Override PartName=\"/xl/styles.xml\" ContentType=\"{ml}.styles+xml\"/>");
        if (SharedStrings.Count > 0)
            text.Append($"<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"{ml}.sharedStrings+xml\"/>");
        for (var i = 0; i < _sheets.Count; i++)
            text.Append($"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"{ml}.worksheet+xml\"/>");
        return text.Append("</Types>").ToString();
    }
}
