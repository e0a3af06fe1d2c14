using System.Diagnostics;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// The built program as its own process (`dotnet generator.dll …`, or a native program run directly), as a user or
/// a scheduled task runs it: its exit code and what it wrote. Fails the test when it does not finish in time.
/// </summary>
internal static class GeneratorProcess
{
    public static string Program => Path.Combine(AppContext.BaseDirectory, "generator.dll");

    public static (int Exit, string Out, string Err) Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null, string? program = null, int timeoutSeconds = 120)
    {
        program ??= Program;
        var native = !program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(native ? program : "dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        if (!native)
            start.ArgumentList.Add(program);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"generator {string.Join(" ", start.ArgumentList.Skip(native ? 0 : 1))} did not finish in {timeoutSeconds} s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
