using System.Text;
using FinalAccounts.Input;
using FinalAccounts.Model;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// The grid a reader gives, as text: sheets in order with their visibility and hidden rows, merged
/// ranges, every cell's text and number, and the findings reading made. Two readers agree on a
/// workbook exactly when their dumps are equal.
/// </summary>
public static class GridDump
{
    public static string Of(IEnumerable<RawSheet> sheets)
    {
        var text = new StringBuilder();
        foreach (var sheet in sheets)
        {
            text.AppendLine($"[{sheet.Name}] hidden={sheet.Hidden} rows={string.Join(",", sheet.HiddenRows.Order())}");
            foreach (var m in sheet.Merges.OrderBy(m => m.FromRow).ThenBy(m => m.FromColumn))
                text.AppendLine($"merge {m}");
            foreach (var c in sheet.Cells.OrderBy(c => c.Row).ThenBy(c => c.Column))
                text.AppendLine($"{c.Row},{c.Column} {c.Text} {c.Number}");
            foreach (var finding in sheet.ReadFindings)
                text.AppendLine($"finding {finding.Format("")}");
        }
        return text.ToString();
    }

    /// <summary>What ExcelDataReader reads from the file.</summary>
    public static string ByExcelDataReader(string path)
    {
        using var stream = File.OpenRead(path);
        return Of(ExcelGridReader.ReadWithExcelDataReader(stream));
    }

    /// <summary>What the product reads (the fast reader, or ExcelDataReader where it fell back).</summary>
    public static string ByProduct(string path)
    {
        var (sheets, problem) = ExcelGridReader.Read(path);
        Assert.Null(problem);
        return Of(sheets);
    }

    /// <summary>What the fast .xlsx reader reads, never falling back: fails the test when it does not understand the file.</summary>
    public static string ByFastReader(string path)
    {
        using var stream = File.OpenRead(path);
        var sheets = XlsxGridReader.Read(stream, new CellGuard(), []);
        Assert.NotNull(sheets);
        return Of(sheets!);
    }

    /// <summary>True when the fast reader declines the file (so ExcelDataReader reads it).</summary>
    public static bool FastReaderDeclines(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            XlsxGridReader.Read(stream, new CellGuard(), []);
            return false;
        }
        catch (NotUnderstoodException)
        {
            return true;
        }
    }

    /// <summary>The fast reader understands the file and gives exactly ExcelDataReader's grid.</summary>
    public static void AssertSame(string path)
    {
        var expected = ByExcelDataReader(path);
        Assert.Equal(expected, ByFastReader(path));
        Assert.Equal(expected, ByProduct(path));
    }
}
