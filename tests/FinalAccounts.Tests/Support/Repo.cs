namespace FinalAccounts.Tests.Support;

/// <summary>Paths inside the repository, found from the test binaries upwards.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string SampleXlsx => Path.Combine(Root, "input-samples", "sample-county-agriculture-2024.xlsx");

    public static string SichuanSampleXlsx => Path.Combine(Root, "input-samples", "sample-sichuan-13-tables-2024.xlsx");

    public static string HubeiSampleXlsx => Path.Combine(Root, "input-samples", "sample-hubei-county-agriculture-2024.xlsx");

    /// <summary>Reference 000 (渠县医疗保障局 2022) rebuilt from its text (<see cref="Samples.Reference000Data"/>).</summary>
    public static string Reference000Xlsx => Path.Combine(Root, "input-samples", "reference-000-quxian-2022.xlsx");

    /// <summary>Reference 002 (大英县医疗保障局 2024 部门整体支出自评报告) rebuilt from its text (<see cref="Samples.Reference002Data"/>).</summary>
    public static string Reference002Xlsx => Path.Combine(Root, "input-samples", "reference-002-daying-2024.xlsx");

    /// <summary>The template of the 部门整体支出自评报告 (reference 002's outline).</summary>
    public static string SelfEvaluationTemplate => Path.Combine(Root, "templates", "self-evaluation");

    /// <summary>Reference 001 (盐边县医疗保障局 2020, 14 tables) rebuilt from its text (<see cref="Samples.Reference001Data"/>).</summary>
    public static string Reference001Xlsx => Path.Combine(Root, "input-samples", "reference-001-yanbian-2020.xlsx");

    public static string SampleXls => Path.Combine(Root, "input-samples", "sample-county-agriculture-2024.xls");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Generator.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder removed after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fa-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
