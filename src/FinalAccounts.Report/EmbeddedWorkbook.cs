using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace FinalAccounts.Report;

/// <summary>
/// The workbook embedded in a chart: categories in column A, values in column B, so Word's "Edit
/// Data" opens them. Written as a minimal SpreadsheetML package directly (one per chart per report:
/// building it through the SDK cost more than the chart itself). Its parts are stored, not deflated:
/// the report's package deflates the whole workbook again, and a deflater per part (five per chart)
/// cost more than the chart's XML.
/// </summary>
internal static class EmbeddedWorkbook
{
    /// <summary>A figure's shortest text: 7303.6 whether it was read as 7303.6 万元 or 73036000 元 (a decimal keeps its scale).</summary>
    public const string NumberFormat = "0.############";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static byte[] Create(string seriesName, IReadOnlyList<(string Label, decimal Value)> points)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Text(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""u8);
            Text(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""u8);
            Text(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""u8);
            Text(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""u8);
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.NoCompression).Open();
            using var w = XmlWriter.Create(sheet, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
            w.WriteStartElement("worksheet", Main);
            w.WriteStartElement("sheetData", Main);
            Row(w, 1, "", null, seriesName);
            for (var i = 0; i < points.Count; i++)
                Row(w, i + 2, points[i].Label, points[i].Value, null);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static void Row(XmlWriter w, int row, string label, decimal? value, string? text)
    {
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", row.ToString(CultureInfo.InvariantCulture));
        InlineText(w, $"A{row}", label);
        if (value is { } number)
        {
            w.WriteStartElement("c", Main);
            w.WriteAttributeString("r", $"B{row}");
            w.WriteElementString("v", Main, number.ToString(NumberFormat, CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        else
            InlineText(w, $"B{row}", text ?? "");
        w.WriteEndElement();
    }

    private static void InlineText(XmlWriter w, string reference, string text)
    {
        w.WriteStartElement("c", Main);
        w.WriteAttributeString("r", reference);
        w.WriteAttributeString("t", "inlineStr");
        w.WriteStartElement("is", Main);
        w.WriteElementString("t", Main, text);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>A fixed part, as UTF-8 from the start: a StreamWriter for each of a chart's four fixed parts made more than the parts.</summary>
    private static void Text(ZipArchive zip, string name, ReadOnlySpan<byte> content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        entry.Write(content);
    }
}
