using FinalAccounts.Model;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>The user's guide to the workbook names every sheet and field the reader knows, so it cannot fall behind the code.</summary>
public class DocsTests
{
    [Fact]
    public void WorkbookFormatDocumentNamesEverySheetAndField()
    {
        var doc = LabelText.Normalise(File.ReadAllText(Path.Combine(Repo.Root, "docs", "输入工作簿格式.md")));
        var missing = WorkbookLayout.Supplements
            .SelectMany(s => s.Fields.Select(f => f.Label).Prepend(s.Name))
            .Where(label => !doc.Contains(LabelText.Normalise(label)))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void WorkbookFormatDocumentListsEveryRuleId()
    {
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "输入工作簿格式.md"));
        var ids = typeof(FinalAccounts.Checks.CheckIds).GetFields().Select(f => (string)f.GetValue(null)!);
        var listed = System.Text.RegularExpressions.Regex.Matches(doc, @"CHK(\d{3})(?:[–-]CHK(\d{3}))?")
            .SelectMany(m => m.Groups[2].Success
                ? Enumerable.Range(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value) - int.Parse(m.Groups[1].Value) + 1)
                : [int.Parse(m.Groups[1].Value)])
            .Select(n => $"CHK{n:000}").ToHashSet();
        Assert.Empty(ids.Except(listed));
    }

    [Fact]
    public void TemplateGuideListsEveryTemplateProblemId()
    {
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "模板编写.md"));
        var ids = typeof(DocxTemplating.TemplateErrors).GetFields().Select(f => (string)f.GetValue(null)!);
        var undocumented = ids.Where(id => !doc.Contains($"| {id} |")).ToList();
        Assert.Empty(undocumented);
    }
}

public class FieldReferenceTests
{
    [Fact]
    public void FieldReferenceDocumentIsGeneratedFromTheCurrentModel()
    {
        var committed = File.ReadAllText(Path.Combine(Repo.Root, "docs", "模板字段.md")).Replace("\r\n", "\n");
        Assert.True(committed == Generator.Cli.TemplateCommands.FieldReference().Replace("\r\n", "\n"),
            "docs/模板字段.md is out of date: run `dotnet run --project src/Generator.Cli -- template fields > docs/模板字段.md`.");
    }

    [Fact]
    public void EveryFieldATemplateCanUseIsDocumented()
    {
        // The XML documentation file travels with FinalAccounts.Calculation.dll; without it nothing is documented.
        Assert.NotEmpty(Generator.Cli.FieldReference.Documented);
        var undocumented = Generator.Cli.FieldReference.Fields()
            .Where(f => !Generator.Cli.FieldReference.Documented.TryGetValue(f.MemberId, out var doc) || doc.Meaning.Length == 0)
            .Select(f => f.MemberId).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(undocumented.Count == 0,
            "Document these view model properties (a <summary>, or a <param> of a positional record, in Chinese; <unit>…</unit> for amounts, rates and counts):\n" + string.Join("\n", undocumented));
    }

    [Fact]
    public void FieldReferenceGivesMeaningUnitAndSampleValue()
    {
        var lines = Generator.Cli.TemplateCommands.FieldReference().Split('\n');
        Assert.Contains(Generator.Cli.FieldReference.RegenerateCommand, lines[2]);
        var row = Assert.Single(lines, l => l.StartsWith("| `overview.total.current.text` |", StringComparison.Ordinal));
        var cells = row.Split(" | ");
        Assert.Equal("万元", cells[3]);
        var model = Generator.Cli.ReportPipeline.Calculate(Repo.SampleXlsx, FinalAccounts.Calculation.CalculationSettings.Default).Model!;
        Assert.Equal($"`{model.Overview.Total.Current.Text}` |", cells[4].Trim());
    }

    [Fact]
    public void ShippedTemplatesUseOnlyFieldsTheModelOffers()
    {
        foreach (var template in new[] { "default", "hubei", "sichuan-2020" })
        {
            var output = new StringWriter();
            Assert.True(Generator.Cli.TemplateCommands.RunCheck(Path.Combine(Repo.Root, "templates", template), null, output) == 0, output.ToString());
            Assert.Contains("generalBudget.items[].completion.budget.text", output.ToString());
        }
    }
}
