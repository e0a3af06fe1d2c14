using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// A report's provenance is read from the zip itself (before every generate or render over an existing output, and over
/// a batch's output folder). What it calls a report decides what may be overwritten, so it must be exactly: a Word
/// document carrying our three properties, nothing else.
/// </summary>
public class ReportProvenanceTests
{
    private static readonly ReportProvenance Stamped = new("部门 工作簿.xlsx", "ab12", "cd34");

    /// <summary>A small Word document as the SDK writes one, stamped when asked, then changed in its zip by <paramref name="edit"/>.</summary>
    private static string Document(TempFolder temp, bool stamp = true, Action<ZipArchive>? edit = null, string name = "r.docx")
    {
        var path = temp.File(name);
        using (var word = WordprocessingDocument.Create(path, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            word.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text("报告")))));
            if (stamp)
                Stamped.StampInto(word);
        }
        if (edit is not null)
        {
            using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
            edit(zip);
        }
        return path;
    }

    private static void Replace(ZipArchive zip, string entryName, Func<string, string> change)
    {
        var entry = zip.GetEntry(entryName)!;
        string text;
        using (var reader = new StreamReader(entry.Open()))
            text = reader.ReadToEnd();
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(entryName).Open(), new UTF8Encoding(false));
        writer.Write(change(text));
    }

    [Fact]
    public void AStampedWordDocumentGivesBackWhatWasStampedAndTheSdkReadsTheSame()
    {
        using var temp = new TempFolder();
        var path = Document(temp);
        Assert.Equal(Stamped, ReportProvenance.ReadFrom(path));
        // The same three values as the SDK's own reading of the part.
        using var word = WordprocessingDocument.Open(path, false);
        var bySdk = word.CustomFilePropertiesPart!.Properties!.Elements<DocumentFormat.OpenXml.CustomProperties.CustomDocumentProperty>()
            .ToDictionary(p => p.Name!.Value!, p => p.InnerText);
        Assert.Equal(Stamped.SourceName, bySdk["GeneratorSourceWorkbook"]);
        Assert.Equal(Stamped.SourceSha256, bySdk["GeneratorSourceSha256"]);
        Assert.Equal(Stamped.TemplateIdentity, bySdk["GeneratorTemplateIdentity"]);
    }

    [Fact]
    public void AReportGeneratedByTheProgramIsRecognised()
    {
        using var temp = new TempFolder();
        var output = temp.File("报告.docx");
        var generate = GeneratorProcess.Run(["generate", Repo.SampleXlsx, "--out", output, "--no-layout"]);
        Assert.True(generate.Exit == 0, generate.Out + generate.Err);
        var read = ReportProvenance.ReadFrom(output);
        Assert.NotNull(read);
        Assert.Equal(Path.GetFileName(Repo.SampleXlsx), read.SourceName);
        Assert.Equal(ReportProvenance.Sha256Of(Repo.SampleXlsx), read.SourceSha256);
    }

    [Fact]
    public void TheFirstOfARepeatedPropertyIsTheOneRead()
    {
        using var temp = new TempFolder();
        // As the SDK writes the part: op:property elements, each value declaring its vt: namespace.
        var path = Document(temp, edit: zip => Replace(zip, "docProps/custom.xml", xml => xml.Insert(xml.IndexOf("<op:property", StringComparison.Ordinal),
            "<op:property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"99\" name=\"GeneratorSourceSha256\">" +
            "<vt:lpwstr xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">first</vt:lpwstr></op:property>")));
        Assert.Equal("first", ReportProvenance.ReadFrom(path)!.SourceSha256);
    }

    [Fact]
    public void ADocumentWithoutTheStampIsNotAReport()
    {
        using var temp = new TempFolder();
        Assert.Null(ReportProvenance.ReadFrom(Document(temp, stamp: false)));
        // One of the two properties that identify a report taken out.
        Assert.Null(ReportProvenance.ReadFrom(Document(temp, name: "one.docx",
            edit: zip => Replace(zip, "docProps/custom.xml", xml => xml.Replace("GeneratorTemplateIdentity", "SomethingElse")))));
    }

    [Fact]
    public void TheStampInAPackageThatIsNotAWordDocumentDoesNotMakeItAReport()
    {
        using var temp = new TempFolder();
        // The main part declared a workbook: Word would not open it, and it is not ours to overwrite.
        var workbook = Document(temp, name: "wb.docx", edit: zip => Replace(zip, "[Content_Types].xml",
            xml => xml.Replace("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")));
        Assert.Null(ReportProvenance.ReadFrom(workbook));
        // No main part at all: the relationship to it taken out.
        var noMain = Document(temp, name: "nomain.docx", edit: zip => Replace(zip, "_rels/.rels",
            xml => xml.Replace("relationships/officeDocument", "relationships/somethingElse")));
        Assert.Null(ReportProvenance.ReadFrom(noMain));
        // Two entries for one part name, as no Office program writes.
        var twice = Document(temp, name: "twice.docx", edit: zip =>
        {
            using var writer = new StreamWriter(zip.CreateEntry("DOCPROPS/CUSTOM.XML").Open());
            writer.Write("<x/>");
        });
        Assert.Null(ReportProvenance.ReadFrom(twice));
    }

    [Fact]
    public void FilesThatAreNotPackagesOrAreDamagedAreNotReports()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("empty.docx"), []);
        File.WriteAllText(temp.File("text.docx"), "我的总结");
        var truncated = File.ReadAllBytes(Document(temp));
        File.WriteAllBytes(temp.File("truncated.docx"), truncated[..(truncated.Length / 2)]);
        var badXml = Document(temp, name: "badxml.docx", edit: zip => Replace(zip, "docProps/custom.xml", xml => xml[..(xml.Length / 2)]));
        var dtd = Document(temp, name: "dtd.docx", edit: zip => Replace(zip, "_rels/.rels",
            xml => "<!DOCTYPE r [<!ENTITY e \"x\">]>" + xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..]));
        foreach (var file in new[] { "empty.docx", "text.docx", "truncated.docx" }.Select(temp.File).Append(badXml).Append(dtd))
            Assert.Null(ReportProvenance.ReadFrom(file));
    }

    [Fact]
    public void AnOversizedPropertiesPartIsGivenUpOnWithoutReadingItWhole()
    {
        using var temp = new TempFolder();
        // 64 MB of text in the stamped value, compressed to a few hundred kB: refused at the length bound, not read into memory.
        var path = Document(temp, edit: zip =>
        {
            zip.GetEntry("docProps/custom.xml")!.Delete();
            using var stream = zip.CreateEntry("docProps/custom.xml", CompressionLevel.SmallestSize).Open();
            var head = Encoding.UTF8.GetBytes("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" " +
                "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"GeneratorSourceSha256\"><vt:lpwstr>");
            stream.Write(head);
            var block = Encoding.ASCII.GetBytes(new string('a', 1 << 20));
            for (var i = 0; i < 64; i++)
                stream.Write(block);
            stream.Write(Encoding.UTF8.GetBytes("</vt:lpwstr></property></Properties>"));
        });
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Null(ReportProvenance.ReadFrom(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 48L << 20, "the oversized part was read whole");
    }
}
