using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace FinalAccounts.Report;

/// <summary>The workbook embedded in a chart: categories in column A, values in column B, so Word's "Edit Data" opens them.</summary>
internal static class EmbeddedWorkbook
{
    public static byte[] Create(string seriesName, IReadOnlyList<(string Label, decimal Value)> points)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData(new Row(Text("A1", ""), Text("B1", seriesName)) { RowIndex = 1 });
            for (var i = 0; i < points.Count; i++)
            {
                var row = (uint)(i + 2);
                data.Append(new Row(Text($"A{row}", points[i].Label),
                    new Cell { CellReference = $"B{row}", CellValue = new CellValue(points[i].Value.ToString(CultureInfo.InvariantCulture)) }) { RowIndex = row });
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sheet1" }));
        }
        return stream.ToArray();
    }

    private static Cell Text(string reference, string text) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text)),
    };
}
