using FinalAccounts.Input;
using FinalAccounts.Tests.Samples;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

public class SampleWorkbookTests
{
    /// <summary>
    /// The committed sample is what <see cref="SampleWorkbook"/> builds. Run with
    /// APPROVE_SAMPLE=1 (or `dotnet cake --target=Sample-Regenerate`) to rewrite it after changing the builder.
    /// </summary>
    [Fact]
    public void CommittedSampleIsWhatTheBuilderMakes()
    {
        CommittedSample.IsWhatTheBuilderMakes(SampleWorkbook.Build(), Repo.SampleXlsx);
    }

    [Fact]
    public void SampleValidatesClean()
    {
        var findings = ValidateCommand.Validate(Repo.SampleXlsx);
        Assert.Empty(findings.Select(f => f.Format("sample")));
    }
}

public class SampleFormatsTests
{
    [Fact]
    public void XlsAndXlsxSamplesGiveTheSameModel()
    {
        Assert.True(File.Exists(Repo.SampleXls), "the .xls copy of the sample is missing");
        Assert.Equal(ModelDump.Of(Repo.SampleXlsx), ModelDump.Of(Repo.SampleXls));
    }

    [Fact]
    public void XlsSampleValidatesClean()
    {
        Assert.Empty(ValidateCommand.Validate(Repo.SampleXls).Select(f => f.Format("sample.xls")));
    }

    [Fact]
    public void InitWorkbookFilledWithTheSampleValuesValidatesTheSame()
    {
        using var temp = new TempFolder();
        var blank = temp.File("blank.xlsx");
        Assert.Equal(ExitCodes.Clean, InitCommand.Run(blank, force: false, TextWriter.Null));

        var sample = WorkbookEditor.Load(Repo.SampleXlsx);
        var filled = WorkbookEditor.Load(blank);
        foreach (var sheet in filled.Sheets.ToList())
        {
            if (sample.Sheets.All(s => s.Name != sheet.Name))
            {
                // An optional sheet the sample has no use for (整体绩效目标 …): deleted, as the instructions allow.
                Assert.Contains(FinalAccounts.Model.WorkbookLayout.Supplements, s => s.Name == sheet.Name && s.Optional);
                filled.Sheets.Remove(sheet);
                continue;
            }
            var source = sample.Sheet(sheet.Name);
            if (sheet.Name.StartsWith("公开"))
            {
                // Public tables are pasted from the export: the sheet's whole content is replaced.
                filled.Sheets[filled.Sheets.IndexOf(sheet)] = source;
                continue;
            }
            // Supplementary sheets are typed in: every value cell of the sample goes to the same label or header.
            foreach (var ((row, column), cell) in source.Cells.Where(c => c.Key.Row > 1 && c.Key.Column >= 2 || IsListSheet(sheet.Name) && c.Key.Row > 1))
                sheet.Set(row, column, cell.Value);
        }
        // User tables (表格…) are the user's own sheets, not init's: they are added as they are.
        foreach (var table in sample.Sheets.Where(s => s.Name.StartsWith(FinalAccounts.Model.WorkbookLayout.UserTablePrefix)))
            filled.Sheets.Add(table);
        var path = filled.Save(temp.File("filled.xlsx"));

        Assert.Empty(ValidateCommand.Validate(path).Select(f => f.Format("filled")));
        Assert.Equal(ModelDump.Of(Repo.SampleXlsx).Replace("sample-county-agriculture-2024.xlsx", ""), ModelDump.Of(path).Replace("filled.xlsx", ""));
    }

    private static bool IsListSheet(string name) => FinalAccounts.Model.WorkbookLayout.Supplements.Any(s => s.Name == name && s.IsList);

    [Fact]
    public void InitRefusesToOverwriteAFilledWorkbook()
    {
        using var temp = new TempFolder();
        var path = temp.File("mine.xlsx");
        File.WriteAllText(path, "filled by the user");
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Errors, InitCommand.Run(path, force: false, output));
        Assert.Equal("filled by the user", File.ReadAllText(path));
        Assert.Contains("--force", output.ToString());
    }
}
