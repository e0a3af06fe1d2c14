namespace FinalAccounts.Model;

public enum Severity
{
    Warning,
    Error,
    Info,      // said so the user knows, e.g. a table printed as exported; never changes an exit code
}

/// <summary>
/// One finding about the input: a stable id, where (the main cell plus the other cells the rule
/// compared), the values compared and a Chinese message for finance staff.
/// </summary>
public sealed record Diagnostic(
    string Id,
    Severity Severity,
    string Message,
    CellRef? Location,
    IReadOnlyList<CellRef>? Related = null,
    decimal? Actual = null,
    decimal? Expected = null)
{
    public string Sheet => Location?.Sheet ?? "";

    /// <summary>A warning or an error: something the user has to look at (an info finding is not).</summary>
    public bool NeedsAttention => Severity != Severity.Info;

    public string Format(string workbookName)
    {
        var where = Location is null ? workbookName : $"{workbookName}[{Location}]";
        var level = Severity switch { Severity.Error => "error", Severity.Info => "info", _ => "warning" };
        var also = Related is { Count: > 0 } ? $"（对照：{string.Join("、", Related.Take(6))}{(Related.Count > 6 ? "…" : "")}）" : "";
        // Whatever a cell or file name held, a terminal never receives it raw (ESC, BEL, unpaired surrogates).
        return Printable.Escape($"{where}: {level} {Id}: {Message}{also}");
    }
}
