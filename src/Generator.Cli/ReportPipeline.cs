using FinalAccounts.Calculation;
using FinalAccounts.Checks;
using FinalAccounts.Input;
using FinalAccounts.Model;

namespace Generator.Cli;

/// <summary>What the stages up to calculation produced: all findings, and the model (with its placeholders' findings) when there were no errors.</summary>
public sealed record CalculatedReport(IReadOnlyList<Diagnostic> Findings, ReportModel? Model)
{
    public IReadOnlyList<Mark> Marks { get; init; } = [];
}

/// <summary>Read → check → calculate, stopping before calculation when the checks found errors.</summary>
public static class ReportPipeline
{
    public static CalculatedReport Calculate(string workbookPath, CalculationSettings settings, StageTimes? stages = null, TemplateNeeds? needs = null,
        bool spareCore = false)
    {
        var read = WorkbookReader.Read(workbookPath, spareCore);
        stages?.Done("read the workbook");
        if (read.Workbook is null)
            return new CalculatedReport(read.Diagnostics, null);
        var findings = ValidateCommand.InWorkbookOrder(read.Workbook, read.Diagnostics.Concat(WorkbookChecks.Run(read.Workbook)));
        stages?.Done("check");
        if (findings.Any(f => f.Severity == Severity.Error))
            return new CalculatedReport(findings, null);
        var calculated = ReportCalculator.Calculate(read.Workbook, settings, needs);
        stages?.Done("calculate");
        // One blank, one line: where the calculation says what a blank input leaves unknown and where its
        // mark stands, the reader's bare "未填写" for the same cell is not repeated.
        var explained = calculated.Warnings.Where(w => w.Location is not null).Select(w => w.Location!).ToHashSet();
        findings = findings.Where(f => !(f.Id == InputIds.FieldMissing && f.Location is { } at && explained.Contains(at))).ToList();
        return new CalculatedReport(ValidateCommand.InWorkbookOrder(read.Workbook, findings.Concat(calculated.Warnings)), calculated.Model)
        {
            Marks = calculated.Marks,
        };
    }
}
