using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FinalAccounts.Report;

namespace FinalAccounts.Tests;

/// <summary>Fitting a template's own table reads its font sizes however the schema lets them be written.</summary>
public class TemplateTableFittingTests
{
    private static int[] FittedGrid(string fontSize, string firstWidth = "1000")
    {
        using var stream = new MemoryStream();
        using var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        Paragraph Cell(string text) => new(new Run(new RunProperties(new FontSize { Val = fontSize }), new Text(text)));
        var table = new Table(
            new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Dxa }),
            new TableGrid(new GridColumn { Width = firstWidth }, new GridColumn { Width = "4000" }),
            new TableRow(new TableCell(Cell("76,980,000.00")), new TableCell(Cell("说明"))));
        main.Document = new Document(new Body(table, new SectionProperties()));

        PrintLayout.Apply(document);

        return table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(g => int.TryParse(g.Width!.Value!, out var w) ? w : -1).ToArray();
    }

    [Fact]
    public void SizeWithAUnitIsReadAsHalfPointsAreAndAnUnreadableOneIsNoCrash()
    {
        // 13 characters of an amount at 10.5 pt: 10 digits × 0.64 em + 3 signs × 0.32 em = 7.36 em = 1546 twips, with
        // 216 of cell margins and 60 of slack 1822: the first column widens from 1000, the table keeps its 5000.
        var halfPoints = FittedGrid("21");
        Assert.Equal([1822, 3178], halfPoints);
        Assert.Equal(halfPoints, FittedGrid("10.5pt"));
        Assert.Equal(5000, FittedGrid("不是字号").Sum());   // read as not given: the default size, never an exception
    }

    [Fact]
    public void GridWidthWithAUnitLeavesTheTableAsItIs()
    {
        Assert.Equal([-1, 4000], FittedGrid("21", firstWidth: "1.5cm"));   // kept as written, no exception
    }
}
