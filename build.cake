// Build script: `dotnet tool restore && dotnet cake --target=<Target>`.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var sample = "input-samples/sample-county-agriculture-2024.xlsx";

Task("Build")
    .Does(() => DotNetBuild("Generator.sln", new DotNetBuildSettings { Configuration = configuration }));

Task("Test")
    .IsDependentOn("Build")
    .Does(() => DotNetTest("Generator.sln", new DotNetTestSettings { Configuration = configuration, NoBuild = true }));

// Runs the product on the shipped sample, as the README's first command does.
Task("Sample")
    .IsDependentOn("Build")
    .Does(() =>
{
    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = $"run --project src/Generator.Cli -c {configuration} --no-build -- generate {sample} --out out/sample-report.docx",
    });
    if (exit != 0)
        throw new Exception($"generator exited with {exit}");
});

// Rewrites input-samples/ from tests/FinalAccounts.Tests/Samples (the sample is built in code),
// then makes the .xls copy with LibreOffice.
Task("Sample-Regenerate")
    .Does(() =>
{
    DotNetTest("tests/FinalAccounts.Tests", new DotNetTestSettings
    {
        Filter = "FullyQualifiedName~CommittedSampleIsWhatTheBuilderMakes|FullyQualifiedName~CommittedSichuanSampleIsWhatTheBuilderMakes|FullyQualifiedName~CommittedReference000IsWhatTheBuilderMakes|FullyQualifiedName~CommittedReference001IsWhatTheBuilderMakes",
        EnvironmentVariables = new Dictionary<string, string> { ["APPROVE_SAMPLE"] = "1" },
    });
    var profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lo-sample-" + System.Guid.NewGuid().ToString("N"));
    var exit = StartProcess("soffice", new ProcessSettings
    {
        Arguments = $"-env:UserInstallation=file://{profile} --headless --convert-to xls:\"MS Excel 97\" --outdir input-samples {sample}",
    });
    if (exit != 0)
        throw new Exception("LibreOffice could not convert the sample to .xls");
});

// Accepts the reviewed snapshot changes (Snapshots/review/summary.md): rewrites every approved snapshot
// from the current output — text and layout (*.verified.txt) and the page images (Snapshots/pages/, needs LibreOffice).
Task("Approve")
    .Does(() => DotNetTest("Generator.sln", new DotNetTestSettings
    {
        Filter = "FullyQualifiedName~Snapshot|Category=Snapshot",
        EnvironmentVariables = new Dictionary<string, string> { ["APPROVE_SNAPSHOTS"] = "1" },
    }));

// The .NET tool (`dotnet tool install -g --add-source artifacts/tool FinalAccounts.Generator`): installed on the system
// this runs on, it is the native program (as Publish makes it; needs gcc or clang, on Windows the C++ build tools);
// on any other system with .NET 10, the framework-dependent one. Plain `dotnet pack` makes only the latter.
Task("Pack")
    .Does(() => DotNetPack("src/Generator.Cli", new DotNetPackSettings
    {
        Configuration = "Release",
        OutputDirectory = "artifacts/tool",
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("NativeTool", "true"),
    }));

// Programs for machines without .NET: artifacts/generator-win-x64, artifacts/generator-linux-x64.
// The system this runs on gets the native (AOT) program: no JIT at start-up, a cold `generate` in about a third of
// the time. Native code can only be linked on its own system, so the other one gets a self-contained, composite
// ReadyToRun build (build on Windows for a native Windows program).
Task("Publish")
    .Does(() =>
{
    var own = IsRunningOnWindows() ? "win-x64" : "linux-x64";
    foreach (var runtime in new[] { "win-x64", "linux-x64" })
    {
        var settings = new DotNetPublishSettings
        {
            Configuration = "Release",
            Runtime = runtime,
            SelfContained = true,
            OutputDirectory = $"artifacts/generator-{runtime}",
            MSBuildSettings = new DotNetMSBuildSettings(),
        };
        if (runtime == own)
            settings.MSBuildSettings.WithProperty("PublishAot", "true");
        else
        {
            settings.PublishReadyToRun = true;
            settings.MSBuildSettings.WithProperty("PublishReadyToRunComposite", "true");
        }
        DotNetPublish("src/Generator.Cli", settings);
    }
});

RunTarget(target);
