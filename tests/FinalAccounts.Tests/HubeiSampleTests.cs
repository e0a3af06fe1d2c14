using FinalAccounts.Input;
using FinalAccounts.Tests.Samples;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 15: templates/hubei produces the elements a Hubei report has from a fictional Hubei sample
/// (Samples/HubeiSample.cs), each sentence held to Fixtures/hubei-sample/expected.txt (figures worked out by hand).
/// </summary>
public class HubeiSampleTests
{
    private static readonly string ExpectedFile = Path.Combine(Repo.Root, "tests", "FinalAccounts.Tests", "Fixtures", "hubei-sample", "expected.txt");

    /// <summary>The committed workbook is what the builder makes (APPROVE_SAMPLE=1 rewrites it).</summary>
    [Fact]
    public void CommittedHubeiSampleIsWhatTheBuilderMakes()
    {
        CommittedSample.IsWhatTheBuilderMakes(SampleWorkbook.Build(SampleWorkbook.Export.National, HubeiSample.Source), Repo.HubeiSampleXlsx);
    }

    [Fact]
    public void ValidatesClean()
    {
        Assert.Empty(ValidateCommand.Validate(Repo.HubeiSampleXlsx).Where(f => f.NeedsAttention).Select(f => f.Format("hubei")));
    }

    [Fact]
    public void HubeiReportStatesEveryExpectedSentence()
    {
        using var temp = new TempFolder();
        var report = Generated.From(Repo.HubeiSampleXlsx, temp.File("hubei.docx"), "hubei");
        Assert.True(report.Exit == ExitCodes.Clean, report.Output);
        var body = ReferenceExpectations.Compact(report.Text);
        var expected = ReferenceExpectations.Load(ExpectedFile);
        var absent = expected.Paragraphs.SelectMany(p => p.Lines.Where(l => l.Tag != "pending" && !body.Contains(ReferenceExpectations.Compact(l.Phrase)))
            .Select(l => $"expected.txt:{l.LineNumber} [{p.Id}] {l.Phrase}")).ToList();
        Assert.True(absent.Count == 0, "not in the report:\n" + string.Join("\n", absent));
        Assert.True(expected.Paragraphs.Sum(p => p.Lines.Count) >= 30);
        Assert.DoesNotContain("【请补充：", report.Text);   // the Hubei template's placeholder: nothing is missing
    }
}
