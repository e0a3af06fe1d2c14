using FinalAccounts.Input;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// A committed sample workbook must be exactly what its builder makes (same model, cell by cell):
/// APPROVE_SAMPLE=1 rewrites the committed file from the builder instead.
/// </summary>
public static class CommittedSample
{
    public static void IsWhatTheBuilderMakes(IReadOnlyList<SheetContent> sheets, string committed)
    {
        using var temp = new TempFolder();
        var built = temp.File(Path.GetFileName(committed));
        XlsxWriter.Write(built, sheets);
        if (Environment.GetEnvironmentVariable("APPROVE_SAMPLE") == "1")
            File.Copy(built, committed, overwrite: true);
        Assert.Equal(ModelDump.Of(built), ModelDump.Of(committed));
    }
}
