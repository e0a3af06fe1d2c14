using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FinalAccounts.Report;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace FinalAccounts.Tests;

/// <summary>
/// Each chart is drawn a quarter of its own section's page body tall (less the caption's line): the section
/// is the one the next section break closes, or the body's last one.
/// </summary>
public class ChartHeightTests
{
    private const long EmuPerTwip = 635;
    private const long CaptionTwips = 360;   // no styles: one line of 360 twips, no space around it

    private static Paragraph Chart(MainDocumentPart main, uint id)
    {
        var part = main.AddNewPart<ChartPart>();
        part.ChartSpace = new C.ChartSpace(new C.Chart(new C.PlotArea(new C.Layout(), new C.BarChart())));
        part.ChartSpace.Save();
        return new Paragraph(new Run(new Drawing(new DW.Inline(
            new DW.Extent { Cx = 5_400_000, Cy = ChartHeight.Largest },
            new DW.DocProperties { Id = id, Name = $"Chart {id}" },
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = main.GetIdOfPart(part) }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" })))));
    }

    private static SectionProperties Section(uint height, int top, int bottom) =>
        new(new PageSize { Width = 11906, Height = height }, new PageMargin { Top = top, Bottom = bottom, Left = 1800, Right = 1800 });

    [Fact]
    public void EachChartTakesTheHeightOfItsOwnSection()
    {
        using var stream = new MemoryStream();
        using var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new Body();
        main.Document = new Document(body);
        body.Append(
            Chart(main, 1),
            new Paragraph(new Run(new Text("第一节的末段"))),
            new Paragraph(new ParagraphProperties(Section(height: 12000, top: 1000, bottom: 1000))),
            Chart(main, 2),
            new Paragraph(new ParagraphProperties(Section(height: 10000, top: -500, bottom: 500))),
            new Paragraph(new Run(new Text("第三节"))),
            Chart(main, 3),
            Section(height: 15000, top: 1000, bottom: 1000));

        ChartHeight.Apply(document);

        var heights = body.Descendants<DW.Extent>().Select(e => e.Cy!.Value).ToArray();
        long Expected(long page, long top, long bottom) => ((page - top - bottom) / 4 - CaptionTwips) * EmuPerTwip;
        Assert.Equal([Expected(12000, 1000, 1000), Expected(10000, 500, 500), Expected(15000, 1000, 1000)], heights);
        Assert.All(heights, h => Assert.InRange(h, 1_080_000, ChartHeight.Largest));
    }

    [Fact]
    public void APageSizeWithAUnitGetsTheLargestChartNotAnException()
    {
        using var stream = new MemoryStream();
        using var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var section = Section(height: 16838, top: 1440, bottom: 1440);
        section.GetFirstChild<PageSize>()!.SetAttribute(new OpenXmlAttribute("w", "h", "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "29.7cm"));
        var body = new Body(Chart(main, 1), section);
        main.Document = new Document(body);

        ChartHeight.Apply(document);

        Assert.Equal(ChartHeight.Largest, body.Descendants<DW.Extent>().Single().Cy!.Value);
    }
}
