using FinalAccounts.Input;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>The fast .xlsx reader sees every workbook exactly as ExcelDataReader does.</summary>
public class XlsxReaderEquivalenceTests
{
    private static void AssertSame(string path) => GridDump.AssertSame(path);

    [Fact]
    public void SampleReadsTheSame() => AssertSame(Repo.SampleXlsx);

    [Fact]
    public void QuirksReadTheSame()
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx)
            .MapNumbers("公开03表", 7, d => d.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture))
            .Set("公开05表", "C7", new Formula("SUM(C8:C9)"))
            .Set("基本信息", "B2", "控制\u0001字符_x0041_与<&>\"")
            .Set("公开02表", "C7", 1e-7m)
            .Set("公开02表", "D7", true);
        editor.Sheet("公开06表").HiddenRows.Add(9);
        editor.Sheet("国有资产").Hidden = true;
        AssertSame(editor.Save(temp.File("quirks.xlsx")));
    }

    [Fact]
    public void InitWorkbookReadsTheSame()
    {
        using var temp = new TempFolder();
        XlsxWriter.Write(temp.File("blank.xlsx"), BlankWorkbook.Create());
        AssertSame(temp.File("blank.xlsx"));
    }
}
