using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FinalAccounts.Tests.Support;
using Generator.Cli;
using Xunit.Abstractions;

namespace FinalAccounts.Tests;

/// <summary>Crafted and unusual files given to <see cref="ReportProvenance.ReadFrom"/>: never a crash, never a report that is not one.</summary>
public class ReportProvenanceHostileTests(ITestOutputHelper output)
{
    private static readonly ReportProvenance Stamped = new("工作簿.xlsx", "ab12", "cd34");

    private static byte[] DocumentBytes(TempFolder temp, Action<ZipArchive>? edit = null)
    {
        var path = temp.File(Guid.NewGuid().ToString("N") + ".docx");
        using (var word = WordprocessingDocument.Create(path, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            word.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text("报告")))));
            Stamped.StampInto(word);
        }
        if (edit is not null)
        {
            using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
            edit(zip);
        }
        return File.ReadAllBytes(path);
    }

    private static void Replace(ZipArchive zip, string entryName, Func<string, string> change, Encoding? encoding = null, string? newName = null)
    {
        var entry = zip.GetEntry(entryName)!;
        string text;
        using (var reader = new StreamReader(entry.Open()))
            text = reader.ReadToEnd();
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(newName ?? entryName).Open(), encoding ?? new UTF8Encoding(false));
        writer.Write(change(text));
    }

    /// <summary>The central directory record and local header of each entry, by name.</summary>
    private static List<(string Name, int Central, int Local)> Records(byte[] zip)
    {
        var eocd = zip.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(eocd + 10));
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(eocd + 16));
        var records = new List<(string, int, int)>();
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28));
            var extra = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 30));
            var comment = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 32));
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 42));
            records.Add((Encoding.UTF8.GetString(zip, at + 46, nameLength), at, local));
            at += 46 + nameLength + extra + comment;
        }
        return records;
    }

    /// <summary>Sets a 16- or 32-bit field of an entry in both its central record and local header.</summary>
    private static byte[] Patch(byte[] original, string entry, int centralOffset, int localOffset, uint value, int size)
    {
        var zip = (byte[])original.Clone();
        var (_, central, local) = Records(zip).Single(r => r.Name == entry);
        foreach (var at in new[] { central + centralOffset, localOffset < 0 ? -1 : local + localOffset }.Where(a => a >= 0))
        {
            if (size == 2)
                BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(at), (ushort)value);
            else
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at), value);
        }
        return zip;
    }

    /// <summary>Renames an entry (same length) in both records.</summary>
    private static byte[] Rename(byte[] original, string entry, byte[] newName)
    {
        var zip = (byte[])original.Clone();
        var (_, central, local) = Records(zip).Single(r => r.Name == entry);
        Assert.Equal(Encoding.UTF8.GetByteCount(entry), newName.Length);
        newName.CopyTo(zip, central + 46);
        newName.CopyTo(zip, local + 30);
        return zip;
    }

    private ReportProvenance? Read(TempFolder temp, byte[] bytes)
    {
        var path = temp.File(Guid.NewGuid().ToString("N") + ".docx");
        File.WriteAllBytes(path, bytes);
        return ReportProvenance.ReadFrom(path);
    }

    /// <summary>Crafted bytes read, the outcome logged; an exception let out of ReadFrom (a crash for the user) is a failure.</summary>
    private ReportProvenance? Attempt(TempFolder temp, string label, byte[] bytes, List<string> failures)
    {
        try
        {
            var read = Read(temp, bytes);
            output.WriteLine($"{label}: {read?.ToString() ?? "null"}");
            return read;
        }
        catch (Exception ex)
        {
            failures.Add($"{label}: {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    /// <summary>What the SDK-based reading (before the change) gave: the provenance, null, or the exception it let out.</summary>
    private static string Sdk(string path)
    {
        try
        {
            using var word = WordprocessingDocument.Open(path, false);
            var values = word.CustomFilePropertiesPart?.Properties?.Elements<DocumentFormat.OpenXml.CustomProperties.CustomDocumentProperty>()
                .Where(p => p.Name?.Value is not null).GroupBy(p => p.Name!.Value!).ToDictionary(g => g.Key, g => g.First().InnerText);
            if (values is null || !values.TryGetValue("GeneratorSourceSha256", out var sha) || !values.TryGetValue("GeneratorTemplateIdentity", out var template))
                return "null";
            return new ReportProvenance(values.GetValueOrDefault("GeneratorSourceWorkbook") ?? "", sha, template).ToString();
        }
        catch (Exception ex)
        {
            return "throws " + ex.GetType().Name;
        }
    }

    private const string Custom = "docProps/custom.xml";

    [Fact]
    public void EntriesWithUnsupportedOrEncryptedCompressionAreNoReport()
    {
        using var temp = new TempFolder();
        var good = DocumentBytes(temp);
        Assert.Equal(Stamped, Read(temp, good));
        var cases = new Dictionary<string, byte[]>
        {
            ["lzma"] = Patch(good, Custom, 10, 8, 14, 2),
            ["bzip2"] = Patch(good, Custom, 10, 8, 12, 2),
            ["deflate64"] = Patch(good, Custom, 10, 8, 9, 2),
            ["aes"] = Patch(Patch(good, Custom, 10, 8, 99, 2), Custom, 8, 6, 1, 2),
            ["zipcrypto"] = Patch(good, Custom, 8, 6, 1, 2),
            ["stored"] = Patch(good, Custom, 10, 8, 0, 2),
            ["rels lzma"] = Patch(good, "_rels/.rels", 10, 8, 14, 2),
            ["types aes"] = Patch(Patch(good, "[Content_Types].xml", 10, 8, 99, 2), "[Content_Types].xml", 8, 6, 1, 2),
            ["huge size"] = Patch(good, Custom, 24, 22, 0xFFFF_FFF0, 4),
            ["zip64 size marker"] = Patch(good, Custom, 24, 22, 0xFFFF_FFFF, 4),
            ["huge compressed"] = Patch(good, Custom, 20, 18, 0x7FFF_FFF0, 4),
            ["zip64 compressed marker"] = Patch(good, Custom, 20, 18, 0xFFFF_FFFF, 4),
            ["zero sizes"] = Patch(Patch(good, Custom, 20, 18, 0, 4), Custom, 24, 22, 0, 4),
            ["local beyond"] = Patch(good, Custom, 42, -1, 0x7FFF_0000, 4),
            ["local zip64 marker"] = Patch(good, Custom, 42, -1, 0xFFFF_FFFF, 4),
            ["bad crc"] = Patch(good, Custom, 16, 14, 0x1234_5678, 4),
            ["huge extra"] = Patch(good, Custom, 30, -1, 0xFFFF, 2),
            ["huge name"] = Patch(good, Custom, 28, -1, 0xFFFF, 2),
        };
        var failures = new List<string>();
        foreach (var (name, bytes) in cases)
        {
            var read = Attempt(temp, name, bytes, failures);
            // Deflate data read as Deflate64, the encryption flag on data that is not encrypted, a wrong CRC or declared size the
            // XmlReader stops before: still the report's bytes. The rest cannot be read, so cannot be a report.
            if (read is not null && name is not ("deflate64" or "zipcrypto" or "stored" or "bad crc" or "huge size" or "zip64 size marker"))
                failures.Add($"{name}: read as a report");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void OddEntryNamesAreNoCrash()
    {
        using var temp = new TempFolder();
        var good = DocumentBytes(temp);
        var names = new[] { "docProps/../stom.xml", "docProps/custom.xm\0", "docProps\\custom.xml", "/ocProps/custom.xml", "../../../../../../.x", "docProps/custom.xml".Replace('c', '\u00ff') };
        var failures = new List<string>();
        foreach (var name in names)
        {
            foreach (var bytesOfName in new[] { Encoding.Latin1.GetBytes(name), Encoding.UTF8.GetBytes(name) }.Where(b => b.Length == Custom.Length))
            {
                Attempt(temp, name, Rename(good, Custom, bytesOfName), failures);
            }
        }
        // Invalid UTF-8 in a name flagged UTF-8.
        var invalid = Rename(good, Custom, [.. Encoding.ASCII.GetBytes("docProps/custom.x"), 0xC3, 0x28]);
        invalid = Patch(invalid, "docProps/custom.x\uFFFD(", 8, 6, 1 << 11, 2);
        Attempt(temp, "invalid utf-8", invalid, failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void AHugeDeclaredEntryCountIsNoCrash()
    {
        using var temp = new TempFolder();
        var good = DocumentBytes(temp);
        var failures = new List<string>();
        foreach (var (count, label) in new[] { (0xFFFFu, "65535"), (0u, "zero") })
        {
            var zip = (byte[])good.Clone();
            var eocd = zip.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
            BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(eocd + 8), (ushort)count);
            BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(eocd + 10), (ushort)count);
            Attempt(temp, label, zip, failures);
        }
        // A zip64 end record declaring 2^62 entries, its locator pointing at it.
        {
            var zip = (byte[])good.Clone();
            var eocd = zip.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
            var cdSize = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(eocd + 12));
            var cdOffset = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(eocd + 16));
            var z64 = new byte[56 + 20];
            BinaryPrimitives.WriteUInt32LittleEndian(z64, 0x06064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(z64.AsSpan(4), 44);
            BinaryPrimitives.WriteUInt16LittleEndian(z64.AsSpan(12), 45);
            BinaryPrimitives.WriteUInt16LittleEndian(z64.AsSpan(14), 45);
            BinaryPrimitives.WriteUInt64LittleEndian(z64.AsSpan(24), 1UL << 62);
            BinaryPrimitives.WriteUInt64LittleEndian(z64.AsSpan(32), 1UL << 62);
            BinaryPrimitives.WriteUInt64LittleEndian(z64.AsSpan(40), cdSize);
            BinaryPrimitives.WriteUInt64LittleEndian(z64.AsSpan(48), cdOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(z64.AsSpan(56), 0x07064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(z64.AsSpan(64), (ulong)eocd);
            BinaryPrimitives.WriteUInt32LittleEndian(z64.AsSpan(72), 1);
            var tail = zip[eocd..];
            BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(8), 0xFFFF);
            BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(10), 0xFFFF);
            BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(16), 0xFFFFFFFF);
            byte[] crafted = [.. zip[..eocd], .. z64, .. tail];
            Attempt(temp, "zip64 2^62", crafted, failures);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void RandomlyDamagedReportsAreNoCrash()
    {
        using var temp = new TempFolder();
        var good = DocumentBytes(temp);
        var eocd = good.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        var cdStart = (int)BinaryPrimitives.ReadUInt32LittleEndian(good.AsSpan(eocd + 16));
        var random = new Random(20261124);
        var path = temp.File("fuzz.docx");
        var failures = new Dictionary<string, int>();
        for (var i = 0; i < 6000; i++)
        {
            var bytes = (byte[])good.Clone();
            var flips = random.Next(1, 5);
            for (var f = 0; f < flips; f++)
            {
                // Mostly the central directory and headers, where the reader's decisions are made.
                var at = random.Next(3) == 0 ? random.Next(bytes.Length) : random.Next(cdStart, bytes.Length);
                bytes[at] = random.Next(4) switch { 0 => 0xFF, 1 => 0, 2 => (byte)(bytes[at] ^ (1 << random.Next(8))), _ => (byte)random.Next(256) };
            }
            File.WriteAllBytes(path, bytes);
            try
            {
                ReportProvenance.ReadFrom(path);
            }
            catch (Exception ex)
            {
                var key = ex.GetType().FullName + ": " + ex.Message;
                failures[key] = failures.GetValueOrDefault(key) + 1;
                if (failures[key] == 1)
                    File.WriteAllBytes(temp.File($"crash{failures.Count}.docx"), bytes);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"{f.Value}x {f.Key}")));
    }

    /// <summary>The report's parts stored uncompressed by hand, each central record with a zip64 extra field (sizes and offset) whose values <paramref name="zip64"/> may change.</summary>
    private static byte[] StoredZip64(IReadOnlyList<(string Name, byte[] Data)> parts, Func<int, ulong[], ulong[]>? zip64 = null)
    {
        var file = new MemoryStream();
        var writer = new BinaryWriter(file);
        var offsets = new List<long>();
        foreach (var (name, data) in parts)
        {
            offsets.Add(file.Position);
            var nameBytes = Encoding.UTF8.GetBytes(name);
            writer.Write(0x04034b50u); writer.Write((ushort)45); writer.Write((ushort)0); writer.Write((ushort)0); writer.Write(0u);
            writer.Write(Crc32(data)); writer.Write((uint)data.Length); writer.Write((uint)data.Length);
            writer.Write((ushort)nameBytes.Length); writer.Write((ushort)0); writer.Write(nameBytes); writer.Write(data);
        }
        var cdStart = file.Position;
        for (var i = 0; i < parts.Count; i++)
        {
            var (name, data) = parts[i];
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var values = new ulong[] { (ulong)data.Length, (ulong)data.Length, (ulong)offsets[i] };
            values = zip64?.Invoke(i, values) ?? values;
            writer.Write(0x02014b50u); writer.Write((ushort)45); writer.Write((ushort)45); writer.Write((ushort)0); writer.Write((ushort)0); writer.Write(0u);
            writer.Write(Crc32(data)); writer.Write(0xFFFFFFFFu); writer.Write(0xFFFFFFFFu);
            writer.Write((ushort)nameBytes.Length); writer.Write((ushort)(4 + 8 * values.Length)); writer.Write((ushort)0); writer.Write((ushort)0); writer.Write((ushort)0);
            writer.Write(0u); writer.Write(0xFFFFFFFFu); writer.Write(nameBytes);
            writer.Write((ushort)1); writer.Write((ushort)(8 * values.Length));
            foreach (var value in values)
                writer.Write(value);
        }
        var cdSize = file.Position - cdStart;
        writer.Write(0x06054b50u); writer.Write((ushort)0); writer.Write((ushort)0); writer.Write((ushort)parts.Count); writer.Write((ushort)parts.Count);
        writer.Write((uint)cdSize); writer.Write((uint)cdStart); writer.Write((ushort)0);
        writer.Flush();
        return file.ToArray();
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320u : crc >> 1;
        }
        return ~crc;
    }

    private static List<(string Name, byte[] Data)> Parts(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        return zip.Entries.Select(e =>
        {
            using var data = new MemoryStream();
            using (var stream = e.Open())
                stream.CopyTo(data);
            return (e.FullName, data.ToArray());
        }).ToList();
    }

    [Fact]
    public void Zip64FieldsAndDamagedUncompressedPartsAreNoCrash()
    {
        using var temp = new TempFolder();
        var parts = Parts(DocumentBytes(temp));
        Assert.Equal(Stamped, Read(temp, StoredZip64(parts)));
        var random = new Random(35);
        var path = temp.File("fuzz.docx");
        var failures = new Dictionary<string, int>();
        ulong[] odd = [0, 1, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x1_0000_0000, long.MaxValue, (ulong)long.MaxValue + 1, ulong.MaxValue, ulong.MaxValue - 1];
        for (var i = 0; i < 4000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                var victim = random.Next(parts.Count);
                bytes = StoredZip64(parts, (entry, values) => entry != victim ? values
                    : values.Select(v => random.Next(3) == 0 ? odd[random.Next(odd.Length)] : v).ToArray());
            }
            else
            {
                // The parts' XML itself damaged: stored, so the reader sees the damaged bytes.
                bytes = StoredZip64(parts);
                for (var f = random.Next(1, 6); f > 0; f--)
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            File.WriteAllBytes(path, bytes);
            try
            {
                ReportProvenance.ReadFrom(path);
            }
            catch (Exception ex)
            {
                var key = ex.GetType().FullName + ": " + ex.Message;
                failures[key] = failures.GetValueOrDefault(key) + 1;
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"{f.Value}x {f.Key}")));
    }

    [Fact]
    public void AMainPartThatIsNotInThePackageIsNoWordDocument()
    {
        using var temp = new TempFolder();
        var bytes = DocumentBytes(temp, zip => zip.GetEntry("word/document.xml")!.Delete());
        var path = temp.File("nomain.docx");
        File.WriteAllBytes(path, bytes);
        output.WriteLine("SDK: " + Sdk(path));
        Assert.Null(ReportProvenance.ReadFrom(path));
    }

    /// <summary>Forms a re-saved report may take: each read as the SDK read it.</summary>
    [Theory]
    [InlineData("bom")]
    [InlineData("utf16")]
    [InlineData("default namespace")]
    [InlineData("pretty")]
    [InlineData("relative target")]
    [InlineData("network-path target")]
    [InlineData("absolute uri target")]
    [InlineData("dot target")]
    [InlineData("dotdot target")]
    [InlineData("escaped target")]
    [InlineData("upper-case target")]
    [InlineData("custom first")]
    [InlineData("rels bom utf16")]
    [InlineData("types upper-case part name")]
    [InlineData("renamed custom part")]
    [InlineData("escaped override")]
    [InlineData("content type parameter")]
    [InlineData("rels whitespace target")]
    [InlineData("strict")]
    [InlineData("other root")]
    [InlineData("custom part of another type")]
    [InlineData("nested properties")]
    public void AReSavedReportIsReadAsTheSdkReadIt(string form)
    {
        using var temp = new TempFolder();
        Action<ZipArchive> edit = form switch
        {
            "bom" => zip => Replace(zip, Custom, x => x, new UTF8Encoding(true)),
            "utf16" => zip => Replace(zip, Custom, x => x.Replace("encoding=\"utf-8\"", "encoding=\"utf-16\"", StringComparison.OrdinalIgnoreCase), new UnicodeEncoding(false, true)),
            "default namespace" => zip => Replace(zip, Custom, x => x.Replace("op:", "").Replace("xmlns:op=", "xmlns=")),
            "pretty" => zip => Replace(zip, Custom, x => x.Replace("><", ">\r\n  <")),
            "relative target" => zip => Replace(zip, "_rels/.rels", x => x.Replace("Target=\"/", "Target=\"")),
            "network-path target" => zip => Replace(zip, "_rels/.rels", x => x.Replace("Target=\"/", "Target=\"//")),
            "absolute uri target" => zip => Replace(zip, "_rels/.rels", x => x.Replace("Target=\"/", "Target=\"http://example.com/")),
            "dot target" => zip => Replace(zip, "_rels/.rels", x => x.Replace("Target=\"/", "Target=\"").Replace("Target=\"", "Target=\"./")),
            "dotdot target" => zip => Replace(zip, "_rels/.rels", x => x.Replace("Target=\"/docProps/custom.xml", "Target=\"/word/../docProps/custom.xml").Replace("Target=\"docProps/custom.xml", "Target=\"word/../docProps/custom.xml")),
            "escaped target" => zip => Replace(zip, "_rels/.rels", x => x.Replace("custom.xml", "custo%6D.xml")),
            "upper-case target" => zip => Replace(zip, "_rels/.rels", x => x.Replace("docProps/custom.xml", "DOCPROPS/CUSTOM.XML")),
            "custom first" => zip => Replace(zip, "_rels/.rels", x =>
            {
                var start = x.IndexOf("<Relationship ", StringComparison.Ordinal);
                var parts = x[start..x.IndexOf("</Relationships>", StringComparison.Ordinal)].Split("/>", StringSplitOptions.RemoveEmptyEntries).Reverse();
                return x[..start] + string.Concat(parts.Select(p => p + "/>")) + "</Relationships>";
            }),
            "rels bom utf16" => zip => Replace(zip, "_rels/.rels", x => x.Replace("encoding=\"utf-8\"", "encoding=\"utf-16\"", StringComparison.OrdinalIgnoreCase), new UnicodeEncoding(false, true)),
            "types upper-case part name" => zip => Replace(zip, "[Content_Types].xml", x => MainByOverride(x, "/WORD/Document.XML")),
            "renamed custom part" => zip =>
            {
                Replace(zip, Custom, x => x, newName: "docProps/custom2.xml");
                Replace(zip, "_rels/.rels", x => x.Replace("docProps/custom.xml", "docProps/custom2.xml"));
                Replace(zip, "[Content_Types].xml", x => x.Replace("docProps/custom.xml", "docProps/custom2.xml"));
            },
            "escaped override" => zip => Replace(zip, "[Content_Types].xml", x => MainByOverride(x, "/word/docum%65nt.xml")),
            "content type parameter" => zip => Replace(zip, "[Content_Types].xml", x => x.Replace("document.main+xml\"", "document.main+xml; charset=utf-8\"")),
            "rels whitespace target" => zip => Replace(zip, "_rels/.rels", x => x.Replace("Target=\"/docProps/custom.xml\"", "Target=\" /docProps/custom.xml \"").Replace("Target=\"docProps/custom.xml\"", "Target=\" docProps/custom.xml \"")),
            "strict" => zip =>
            {
                Replace(zip, "_rels/.rels", x => x.Replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
                    .Replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties", "http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties"));
                Replace(zip, Custom, x => x.Replace("http://schemas.openxmlformats.org/officeDocument/2006/custom-properties", "http://purl.oclc.org/ooxml/officeDocument/customProperties")
                    .Replace("http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes", "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"));
            },
            "other root" => zip => Replace(zip, Custom, x => x.Replace("op:Properties", "op:Settings")),
            "nested properties" => zip => Replace(zip, Custom, x => x.Replace("<op:property ", "<op:group><op:property ").Replace("</op:property>", "</op:property></op:group>")),
            "custom part of another type" => zip => Replace(zip, "[Content_Types].xml", x => x.Replace("custom-properties+xml", "extended-properties+xml")),
            _ => throw new ArgumentException(form),
        };
        var bytes = DocumentBytes(temp, edit);
        var path = temp.File("form.docx");
        File.WriteAllBytes(path, bytes);
        var sdk = Sdk(path);
        string ours;
        try { ours = ReportProvenance.ReadFrom(path)?.ToString() ?? "null"; }
        catch (Exception ex) { ours = "throws " + ex.GetType().Name; }
        output.WriteLine($"{form}: SDK {sdk}; ours {ours}");
        using (var zip = ZipFile.OpenRead(path))
        {
            foreach (var name in new[] { "_rels/.rels", "[Content_Types].xml" })
            {
                using var reader = new StreamReader(zip.GetEntry(name)!.Open());
                output.WriteLine(reader.ReadToEnd());
            }
        }
        Assert.Equal(sdk.StartsWith("throws", StringComparison.Ordinal) ? "null" : sdk, ours);
    }

    /// <summary>The SDK gives the main part's content type as the default for .xml; this gives it by an override of the part name instead.</summary>
    private static string MainByOverride(string types, string partName)
    {
        const string main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
        Assert.Contains($"Extension=\"xml\" ContentType=\"{main}\"", types);
        return types.Replace($"Extension=\"xml\" ContentType=\"{main}\"", "Extension=\"xml\" ContentType=\"application/xml\"")
            .Replace("</Types>", $"<Override PartName=\"{partName}\" ContentType=\"{main}\" /></Types>");
    }

    /// <summary>A named pipe called r.docx in the output folder (or given as --out): opening it for reading would wait for a writer forever.</summary>
    [Fact]
    public async Task ANamedPipeIsNoReportAndIsNotWaitedOn()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var temp = new TempFolder();
        var pipe = temp.File("r.docx");
        var mkfifo = ProcessRun.Run("mkfifo", temp.Path, TimeSpan.FromSeconds(10), pipe);
        Assert.True(mkfifo.Exit == 0, mkfifo.Output);
        var read = Task.Run(() => ReportProvenance.ReadFrom(pipe));
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))) == read;
        if (!finished)
        {
            // Let the blocked reader go: a writer opens the pipe and closes it at once.
            await using (new FileStream(pipe, FileMode.Open, FileAccess.Write)) { }
            await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10)));
        }
        Assert.True(finished, "ReadFrom waited on the named pipe");
        Assert.Null(await read);
    }

    [LibreOfficeFact]
    public void AReportReSavedByLibreOfficeIsStillOurs()
    {
        using var temp = new TempFolder();
        var bytes = DocumentBytes(temp);
        var folder = temp.File("in");
        Directory.CreateDirectory(folder);
        var original = Path.Combine(folder, "报告.docx");
        File.WriteAllBytes(original, bytes);
        var outDir = temp.File("out");
        Directory.CreateDirectory(outDir);
        var resaved = LibreOfficeSave.As(original, "docx:MS Word 2007 XML", outDir);
        output.WriteLine("SDK: " + Sdk(resaved));
        using (var zip = ZipFile.OpenRead(resaved))
        {
            foreach (var name in new[] { "_rels/.rels", Custom, "[Content_Types].xml" })
            {
                using var reader = new StreamReader(zip.GetEntry(name)!.Open());
                output.WriteLine(reader.ReadToEnd());
            }
        }
        Assert.Equal(Stamped, ReportProvenance.ReadFrom(resaved));
    }
}
