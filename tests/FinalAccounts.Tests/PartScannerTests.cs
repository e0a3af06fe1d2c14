using System.IO.Compression;
using System.Text;
using FinalAccounts.Input;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// The fast reader scans worksheets from their bytes and leaves to XmlReader what the scan declines. Whatever a
/// worksheet holds, the product must read it exactly as the XmlReader pass alone does (the same grid and findings,
/// or the same refusal); and the markup Excel, WPS, LibreOffice and the SDK write must be scanned, not declined.
/// </summary>
public partial class PartScannerTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public void EverySampleIsScannedAndReadAsXmlReaderReadsIt()
    {
        var samples = Directory.GetFiles(Path.Combine(Repo.Root, "input-samples"), "*.xlsx");
        Assert.True(samples.Length >= 5);
        foreach (var path in samples)
        {
            var bytes = File.ReadAllBytes(path);
            var scanned = Outcome(bytes, PartReading.ScanOnly);
            Assert.StartsWith("read", scanned);
            Assert.Equal(Outcome(bytes, PartReading.XmlReaderOnly), scanned);
        }
    }

    [Fact]
    public void MarkupAsOfficeWritesItIsScanned()
    {
        // Excel's extLst declares its prefixes on inner elements; mc:Ignorable, xml:space, x14ac attributes, single
        // quotes, spaces around '=', comments, processing instructions, entity and character references, empty v,
        // a formula with its value, rich inline text with a phonetic run, and a merged range.
        var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + $"<worksheet xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
            + "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" mc:Ignorable=\"x14ac\" "
            + "xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\">\n"
            + "<!-- made by hand --><?app note?>"
            + "<sheetData>\n  <row r=\"1\" x14ac:dyDescent=\"0.25\">"
            + "<c r=\"A1\" t='inlineStr'><is><r><t xml:space=\"preserve\">收入 &amp; 支出 &#x4E2D;&#65;</t></r><rPh sb=\"0\" eb=\"1\"><t>シュウ</t></rPh></is></c>"
            + "<c r = \"B1\"><f>SUM(C1:D1)</f><v>12.5</v></c><c r=\"C1\"><v/></c><c r=\"D1\" t=\"str\"><v>a&lt;b&gt;c&quot;&apos;</v></c>"
            + "</row>\n  <row r=\"2\" hidden=\"1\"><c r=\"A2\" t=\"b\"><v>1</v></c></row>\n</sheetData>"
            + "<mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells>"
            + "<extLst><ext uri=\"{78C0D931-6437-407d-A8EE-F0AAD7539E65}\" xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\">"
            + "<x14:conditionalFormattings><x14:conditionalFormatting><x14:cfRule type=\"cellIs\"/></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>"
            + "</worksheet>";
        var bytes = Package(sheet);

        var scanned = Outcome(bytes, PartReading.ScanOnly);
        Assert.Equal(Outcome(bytes, PartReading.XmlReaderOnly), scanned);
        Assert.Contains("1,1 收入 & 支出 中A ", scanned);
        Assert.Contains("1,2 12.5 12.5", scanned);
        Assert.Contains("1,4 a<b>c\"' ", scanned);
        Assert.Contains("2,1 TRUE ", scanned);
        Assert.Contains("rows=2", scanned);
        Assert.Contains("merge ", scanned);
    }

    [Theory]
    [InlineData("carriage return", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>甲\r\n乙</t></is></c></row>")]
    [InlineData("CDATA", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t><![CDATA[a<b]]></t></is></c></row>")]
    [InlineData("DOCTYPE", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet><!DOCTYPE x><worksheet><sheetData>")]
    [InlineData("xml:space of another value", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"keep\">1</t></is></c></row>")]
    [InlineData("tab in an attribute", "<row r=\"1\"><c r=\"A1\" t=\"inline\tStr\"><v>1</v></c></row>")]
    [InlineData("name outside ASCII", "<row r=\"1\"><c r=\"A1\"><值>1</值><v>3</v></c></row>")]
    [InlineData("unclosed element", "<row r=\"1\"><c r=\"A1\"><v>1</v></row>")]
    [InlineData("undeclared prefix", "<row r=\"1\"><c r=\"A1\"><q:v>1</q:v><v>2</v></c></row>")]
    [InlineData("unknown entity", "<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&nbsp;</v></c></row>")]
    [InlineData("attribute twice", "<row r=\"1\"><c r=\"A1\" r=\"B1\"><v>1</v></c></row>")]
    public void WhatTheScanDeclinesIsReadAsXmlReaderReadsIt(string what, string sheetData)
    {
        var bytes = Package($"<worksheet xmlns=\"{Main}\"><sheetData>{sheetData}</sheetData></worksheet>");

        Assert.True(Outcome(bytes, PartReading.ScanOnly).StartsWith("declined", StringComparison.Ordinal), $"{what} was scanned");
        Assert.Equal(Outcome(bytes, PartReading.XmlReaderOnly), Outcome(bytes, PartReading.ScanElseXmlReader));
    }

    [Fact]
    public void MutatedWorksheetsReadTheSameEitherWay()
    {
        // Worksheets in both namespace styles (the SDK's x: prefix, Excel's default namespace), changed at random by
        // inserting markup, references, line ends and stray characters or deleting spans: whatever each becomes, the
        // product reads it as the XmlReader pass does.
        string[] seeds =
        [
            SampleSheet(Repo.SampleXlsx, 3),
            SampleSheet(Repo.SampleXlsx, 14),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\" spans=\"1:3\">"
                + "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>1064.5</v></c><c r=\"C1\" t=\"inlineStr\"><is><r><t>一般</t></r><rPh><t>イ</t></rPh></is></c></row>"
                + "<row r=\"2\" customHeight=\"1\" ht=\"0\"><c r=\"A2\" t=\"e\"><v>#N/A</v></c><c r=\"B2\"><f>A1</f></c></row></sheetData>"
                + "<mergeCells><mergeCell ref=\"A1:C1\"/></mergeCells></worksheet>",
        ];
        AssertMutantsReadTheSame(seeds, text => Package(text), 20261123);
    }

    [Fact]
    public void MutatedSharedStringsReadTheSameEitherWay()
    {
        // The shared strings as Excel and LibreOffice write them (plain, rich runs, phonetic runs, an empty si,
        // xml:space), changed at random the same way, read by a sheet that uses each of them.
        string[] seeds =
        [
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + $"<sst xmlns=\"{Main}\" count=\"5\" uniqueCount=\"5\">"
                + "<si><t>一般公共预算</t></si><si><r><rPr><b/></rPr><t>基本</t></r><r><t xml:space=\"preserve\">支出 </t></r></si>"
                + "<si><t>项目</t><rPh sb=\"0\" eb=\"2\"><t>コウモク</t></rPh><phoneticPr fontId=\"0\"/></si><si/><si><t>a &amp; b&#x4E2D;</t></si></sst>",
            $"<x:sst xmlns:x=\"{Main}\"><x:si><x:t>收入</x:t></x:si><x:si><x:t>支出</x:t></x:si><x:si><x:r><x:t>结</x:t></x:r><x:r><x:t>余</x:t></x:r></x:si><x:si><x:t/></x:si><x:si><x:t>合计</x:t></x:si></x:sst>",
        ];
        var sheet = $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\">"
            + string.Concat(Enumerable.Range(0, 6).Select(i => $"<c r=\"{(char)('A' + i)}1\" t=\"s\"><v>{i}</v></c>")) + "</row></sheetData></worksheet>";
        AssertMutantsReadTheSame(seeds, text => Package(sheet, text), 20261124);
    }

    private static void AssertMutantsReadTheSame(string[] seeds, Func<string, byte[]> package, int seed)
    {
        string[] snippets =
        [
            "<!-- note -->", "<?pi data?>", "<![CDATA[7]]>", "&amp;", "&#65;", "&#x4e2d;", "&#1;", "&bogus;", "&", "\r\n", "\n", "\t", " ", "\r",
            "<v>7</v>", "<x:v>8</x:v>", "<f>A1</f>", "<x:f/>", "<is><t>甲</t></is>", "<x:t>乙</x:t>", "<t>丙</t>", "<rPh><t>カ</t></rPh>",
            "</x:c>", "</c>", "<c r=\"Z9\"/>", "<x:c r=\"B7\" t=\"inlineStr\"><x:is><x:t>丁</x:t></x:is></x:c>", "<c r=\"C3\" t=\"n\"><v>1e3</v></c>",
            "<row r=\"40\">", "</row>", "<x:row r=\"41\" hidden=\"true\"/>", "<mergeCell ref=\"A1:A2\"/>", "<x:mergeCell ref=\"B1:B3\"/>",
            "<si><t>戊</t></si>", "<x:si><x:r><x:t>己</x:t></x:r></x:si>", "<si/>", "</si>", "<r><t>庚</t></r>", "</t>", " xml:space=\"preserve\"",
            "\"", "'", "<", ">", "]]>", "=", "/>", " xmlns=\"urn:a\"", " xmlns:x=\"urn:b\"", " xmlns:y=\"urn:y\"", "<y:e/>", " a=\"1\"", " r=\"Q5\"",
            "\u0001", "\uFFFE", "\uFEFF", "é", "<?xml version=\"1.0\"?>", "<!DOCTYPE x>", "--",
        ];
        var random = new Random(seed);
        var scanned = 0;
        var wellFormed = 0;
        const int cases = 1500;
        for (var i = 0; i < cases; i++)
        {
            var text = seeds[i % seeds.Length];
            for (var changes = random.Next(1, 4); changes > 0; changes--)
            {
                // Half the changes go between tags, where more of them leave the part well-formed.
                var at = random.Next(text.Length + 1);
                if (random.Next(2) == 0 && text.IndexOf('>', Math.Min(at, text.Length - 1)) is var tagEnd and >= 0)
                    at = tagEnd + 1;
                text = random.Next(5) == 0 && text.Length > at
                    ? text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at))
                    : text.Insert(at, snippets[random.Next(snippets.Length)]);
            }
            var bytes = package(text);
            var expected = Outcome(bytes, PartReading.XmlReaderOnly);
            var product = Outcome(bytes, PartReading.ScanElseXmlReader);
            Assert.True(expected == product, $"case {i}: {text}\nXmlReader: {expected}\nproduct: {product}");
            if (expected.StartsWith("read", StringComparison.Ordinal))
                wellFormed++;
            if (!Outcome(bytes, PartReading.ScanOnly).StartsWith("declined", StringComparison.Ordinal))
                scanned++;
        }
        // The changes leave many parts well-formed: those must mostly be scanned, not all handed over.
        Assert.True(scanned >= wellFormed * 3 / 4, $"{scanned} of {cases} scanned, {wellFormed} read by XmlReader");
    }

    [Fact]
    public void CellsShowingOneOverlongSharedStringShareOneCutCopy()
    {
        // A crafted workbook points thousands of cells at one shared string past Excel's limit: each cell is reported, but
        // the cut text is made once (it was a 64 kB copy per cell, and the string scanned whole again for each).
        const int cells = 2_000;
        var sheet = $"<worksheet xmlns=\"{Main}\"><sheetData>"
            + string.Concat(Enumerable.Range(1, cells).Select(r => $"<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>0</v></c></row>")) + "</sheetData></worksheet>";
        var bytes = Package(sheet, $"<sst xmlns=\"{Main}\"><si><t>{new string('长', 40_000)}</t></si></sst>");
        var findings = new List<FinalAccounts.Model.Diagnostic>();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var sheets = XlsxGridReader.Read(new MemoryStream(bytes, writable: false), new CellGuard(), findings, PartReading.ScanOnly)!;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var texts = sheets.Single().Cells.Select(c => c.Text).ToList();
        Assert.Equal(cells, texts.Count);
        Assert.Equal(InputLimits.MaxCellChars, texts[0].Length);
        Assert.All(texts, text => Assert.Same(texts[0], text));
        Assert.Equal(cells, sheets.Single().ReadFindings.Count(f => f.Id == InputIds.TextTooLong));
        Assert.True(allocated < 40_000_000, $"{allocated:N0} bytes allocated");
    }

    /// <summary>A worksheet part of a sample, as text.</summary>
    private static string SampleSheet(string path, int number)
    {
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry($"xl/worksheets/sheet{number}.xml")!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>What reading gives: the grid and findings, a refusal with its finding, or the file handed over (with why).</summary>
    private static string Outcome(byte[] package, PartReading reading)
    {
        var findings = new List<FinalAccounts.Model.Diagnostic>();
        try
        {
            var sheets = XlsxGridReader.Read(new MemoryStream(package, writable: false), new CellGuard(), findings, reading);
            return "read\n" + GridDump.Of(sheets!) + string.Join("\n", findings.Select(f => f.Format("")));
        }
        catch (XlsxGridReader.ScanDeclinedException ex)
        {
            return "declined by the scan: " + ex.Message;
        }
        catch (NotUnderstoodException ex)
        {
            return "handed to ExcelDataReader: " + ex.Message;
        }
        catch (InputLimitException ex)
        {
            return "refused: " + ex.Finding.Format("");
        }
    }

    /// <summary>A workbook of one sheet whose worksheet part is exactly <paramref name="sheet"/>, with one shared string unless given.</summary>
    private static byte[] Package(string sheet, string? sharedStrings = null)
    {
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
            ["xl/workbook.xml"] = $"<workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            ["xl/_rels/workbook.xml.rels"] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            ["xl/styles.xml"] = $"<styleSheet xmlns=\"{Main}\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>",
            ["xl/sharedStrings.xml"] = sharedStrings ?? $"<sst xmlns=\"{Main}\"><si><t>共享</t></si></sst>",
            ["xl/worksheets/sheet1.xml"] = sheet,
        };
        return Zipped(parts);
    }

    /// <summary>A package of these parts, each its text in UTF-8.</summary>
    internal static byte[] Zipped(IEnumerable<KeyValuePair<string, string>> parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in parts)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        return stream.ToArray();
    }
}
