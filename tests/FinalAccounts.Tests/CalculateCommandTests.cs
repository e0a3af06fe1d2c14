using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

public class CalculateCommandTests
{
    [Fact]
    public void MissingReasonIsAWarningWithItsCellAndAPlaceholderInTheData()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Set("变动原因", "B2", null).Save(temp.File("no-reason.xlsx"));
        var output = new StringWriter();
        var exit = CalculateCommand.Run(path, null, temp.File("vm.json"), temp.File("trace.txt"), output);

        Assert.Equal(ExitCodes.Warnings, exit);
        Assert.Contains("no-reason.xlsx[变动原因!B2]: warning CALC001", output.ToString());
        Assert.Contains("\"text\": \"【待填写：收支总计变动原因】\"", File.ReadAllText(temp.File("vm.json")));
    }

    [Fact]
    public void TraceListsEachFigureWithItsSourceCells()
    {
        using var temp = new TempFolder();
        Assert.Equal(ExitCodes.Clean, CalculateCommand.Run(Repo.SampleXlsx, null, null, temp.File("trace.txt"), TextWriter.Null));
        var trace = File.ReadAllLines(temp.File("trace.txt"));
        Assert.Contains("overview.total.amount\t149.84\t← 公开01表!C37 上年数!B2", trace);
    }

    [Fact]
    public void CheckErrorsStopBeforeCalculationAndWriteNothing()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Add("公开01表", "C34", 1).Save(temp.File("bad.xlsx"));
        Assert.Equal(ExitCodes.Errors, CalculateCommand.Run(path, null, temp.File("vm.json"), temp.File("trace.txt"), TextWriter.Null));
        Assert.False(File.Exists(temp.File("vm.json")));
        Assert.False(File.Exists(temp.File("trace.txt")));
    }
}
