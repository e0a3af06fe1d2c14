using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// Everything a reader sees of each shipped sample × shipped template, against the approved snapshots
/// in Snapshots/: the text, the layout description (fonts, sizes, spacing, tables, sections, charts)
/// and the page images. A template change fails here until it is reviewed (Snapshots/review/summary.md)
/// and approved: `dotnet cake --target=Approve`.
/// </summary>
[Collection(RenderedSamplesCollection.Name)]
public class ReaderSnapshotTests
{
    public static TheoryData<string> Reports => new(SampleReports.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Reports))]
    public void TextSnapshotIsApproved(string report)
    {
        var docx = SampleReports.Document(report);
        Assert.Empty(DocxText.ValidationErrors(docx));
        Snapshot.Verify(report, "text", DocxText.Of(docx));
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void LayoutSnapshotIsApproved(string report) =>
        Snapshot.Verify(report, "layout", LayoutDescription.Of(SampleReports.Document(report)));

    [LibreOfficeTheory]
    [MemberData(nameof(Reports))]
    public void PageSnapshotIsApproved(string report)
    {
        SampleReports.RenderAll(SampleReports.All.Select(r => r.Name));   // all at once, two at a time; later cases find theirs done
        var (docx, pdf) = SampleReports.Pdf(report);
        Assert.Empty(DocxText.ValidationErrors(docx));
        PageSnapshot.Verify(report, pdf);
    }
}
