using System.Diagnostics;

namespace FinalAccounts.Tests.Support;

/// <summary>Saves a workbook again with LibreOffice Calc (headless), as a user who opens and re-saves it there would.</summary>
public static class LibreOfficeSave
{
    /// <summary>Converts to the given filter ("xlsx", "xls:\"MS Excel 97\""), returning the new file's path in <paramref name="outDir"/>.</summary>
    public static string As(string workbook, string filter, string outDir)
    {
        var profile = Path.Combine(outDir, "lo-profile-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("soffice") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, Path.GetFullPath(workbook) })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "LibreOffice did not finish converting in 2 minutes");
        var extension = filter.Split(':')[0];
        var produced = Path.Combine(outDir, Path.GetFileNameWithoutExtension(workbook) + "." + extension);
        Assert.True(process.ExitCode == 0 && File.Exists(produced), $"LibreOffice could not convert: {error.Result} {output.Result}");
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        return produced;
    }
}
