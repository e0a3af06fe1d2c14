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

/// <summary>Read → check → calculate, the calculation's answer used only when the checks found no errors.</summary>
public static class ReportPipeline
{
    public static CalculatedReport Calculate(string workbookPath, CalculationSettings settings, StageTimes? stages = null, TemplateNeeds? needs = null,
        bool spareCore = false)
    {
        var read = WorkbookReader.Read(workbookPath, spareCore);
        stages?.Done("read the workbook");
        if (read.Workbook is null)
            return new CalculatedReport(read.Diagnostics, null);
        // With a core to spare the calculation runs beside the checks (both only read the model). Its answer is used only
        // when the checks find no error, as before; for a workbook with errors it is waited for and dropped, whatever it
        // came to, so nothing of this report runs on after it.
        var workbook = read.Workbook;
        var calculation = spareCore && Environment.ProcessorCount > 1 ? Task.Run(() => ReportCalculator.Calculate(workbook, settings, needs)) : null;
        IReadOnlyList<Diagnostic> findings;
        try
        {
            findings = ValidateCommand.InWorkbookOrder(workbook, read.Diagnostics.Concat(WorkbookChecks.Run(workbook)));
        }
        catch
        {
            ((IAsyncResult?)calculation)?.AsyncWaitHandle.WaitOne();
            throw;
        }
        stages?.Done("check");
        if (findings.Any(f => f.Severity == Severity.Error))
        {
            ((IAsyncResult?)calculation)?.AsyncWaitHandle.WaitOne();
            return new CalculatedReport(findings, null);
        }
        var calculated = calculation?.GetAwaiter().GetResult() ?? ReportCalculator.Calculate(workbook, settings, needs);
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
