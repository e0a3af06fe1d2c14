using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Writes <see cref="SheetContent"/>s as an .xlsx with the OpenXML SDK. Text is written inline,
/// numbers as numbers. The file is written under a temporary name and renamed, so a reader never
/// sees half a workbook.
/// </summary>
public static class XlsxWriter
{
    public static void Write(string path, IEnumerable<SheetContent> sheets)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var document = SpreadsheetDocument.Create(temp, SpreadsheetDocumentType.Workbook))
                WriteDocument(document, sheets.ToList());
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    private static void WriteDocument(SpreadsheetDocument document, List<SheetContent> sheets)
    {
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = BuildStylesheet();
        var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var content in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            part.Worksheet = BuildWorksheet(content);
            sheetList.Append(new Sheet
            {
                Id = workbookPart.GetIdOfPart(part),
                SheetId = id++,
                Name = content.Name,
                State = content.Hidden ? SheetStateValues.Hidden : null,
            });
        }
    }

    private static Worksheet BuildWorksheet(SheetContent content)
    {
        var worksheet = new Worksheet();
        if (content.Cells.Count > 0)
        {
            // Excel writes the used range; readers size their rows from it instead of scanning the sheet first.
            var last = new CellRef("", content.Cells.Keys.Max(k => k.Row), content.Cells.Keys.Max(k => k.Column)).Address;
            worksheet.Append(new SheetDimension { Reference = $"A1:{last}" });
        }
        if (content.ColumnWidths.Count > 0)
        {
            var columns = new Columns();
            foreach (var (column, width) in content.ColumnWidths.OrderBy(w => w.Key))
                columns.Append(new Column { Min = (uint)column, Max = (uint)column, Width = width, CustomWidth = true });
            worksheet.Append(columns);
        }
        var data = new SheetData();
        var hiddenOnly = content.HiddenRows.Where(r => !content.Cells.Keys.Any(k => k.Row == r));
        var rows = content.Cells.GroupBy(c => c.Key.Row).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var rowNumber in rows.Keys.Concat(hiddenOnly).Distinct().Order())
        {
            var row = new Row { RowIndex = (uint)rowNumber, Hidden = content.HiddenRows.Contains(rowNumber) ? true : null };
            foreach (var ((_, column), cell) in rows.GetValueOrDefault(rowNumber) ?? [])
                row.Append(BuildCell(new CellRef("", rowNumber, column).Address, cell));
            data.Append(row);
        }
        worksheet.Append(data);
        if (content.Merges.Count > 0)
        {
            var merges = new MergeCells();
            foreach (var (fr, fc, tr, tc) in content.Merges)
                merges.Append(new MergeCell { Reference = $"{new CellRef("", fr, fc).Address}:{new CellRef("", tr, tc).Address}" });
            worksheet.Append(merges);
        }
        if (content.Validations.Count > 0)
        {
            var validations = new DataValidations();
            foreach (var v in content.Validations)
                validations.Append(BuildValidation(v));
            worksheet.Append(validations);
        }
        return worksheet;
    }

    private static Cell BuildCell(string reference, CellContent content)
    {
        var cell = new Cell { CellReference = reference, StyleIndex = (uint)content.Style };
        switch (content.Value)
        {
            case decimal d:
                cell.CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case Formula formula:
                cell.CellFormula = new CellFormula(formula.Expression);
                break;
            case int or long or double:
                cell.CellValue = new CellValue(Convert.ToString(content.Value, CultureInfo.InvariantCulture)!);
                break;
            default:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(EscapeControlCharacters(Convert.ToString(content.Value, CultureInfo.InvariantCulture) ?? "")) { Space = SpaceProcessingModeValues.Preserve });
                break;
        }
        return cell;
    }

    /// <summary>XML cannot hold control characters; Excel writes them as _xHHHH_, and so do we.</summary>
    private static string EscapeControlCharacters(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\n' or '\t' or '\r'))
            ? string.Concat(text.Select(c => char.IsControl(c) && c is not ('\n' or '\t' or '\r') ? $"_x{(int)c:X4}_" : c.ToString()))
            : text;

    private static DataValidation BuildValidation(CellValidation v)
    {
        var validation = new DataValidation
        {
            SequenceOfReferences = new ListValue<StringValue> { InnerText = v.Range },
            AllowBlank = true,
            ShowErrorMessage = true,
            ShowInputMessage = v.Prompt.Length > 0,
            Prompt = v.Prompt.Length > 0 ? v.Prompt[..Math.Min(v.Prompt.Length, 250)] : null,
            ErrorTitle = "输入有误",
        };
        switch (v.Kind)
        {
            case "list":
                validation.Type = DataValidationValues.List;
                validation.Append(new Formula1($"\"{string.Join(",", v.Choices ?? [])}\""));
                validation.Error = "请从下拉列表中选择。";
                break;
            case "whole":
                validation.Type = DataValidationValues.Whole;
                validation.Operator = DataValidationOperatorValues.Between;
                validation.Append(new Formula1("0"), new Formula2("100000000"));
                validation.Error = "请填写整数。";
                break;
            default:
                validation.Type = DataValidationValues.Decimal;
                validation.Operator = DataValidationOperatorValues.Between;
                validation.Append(new Formula1("-1000000000"), new Formula2("1000000000"));
                validation.Error = "请填写数字（万元，两位小数）。";
                break;
        }
        return validation;
    }

    /// <summary>Style indexes match <see cref="CellStyle"/>.</summary>
    private static Stylesheet BuildStylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.00" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "宋体" })) { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center }) { FontId = 2, ApplyFont = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 5 });
}
