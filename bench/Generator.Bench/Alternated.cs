using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace Generator.Bench;

/// <summary>
/// Two builds of the program in one process, one load context each, timed report by report in turn with the floor
/// between them: on a machine whose speed drifts (a shared VM ran the same binary at 14 ms and 29 ms minutes apart),
/// separate runs cannot tell a 5 % change from the weather, but alternated calls meet the same weather.
/// Usage (bench/ab.sh builds both): Generator.Bench.dll ab &lt;baseline bin&gt; &lt;candidate bin&gt; &lt;repository root&gt; [rounds].
/// </summary>
internal static class Alternated
{
    public static int Run(string baselineBin, string candidateBin, string root, int rounds)
    {
        var sample = Path.Combine(root, "input-samples", "sample-county-agriculture-2024.xlsx");
        var templateDir = Path.Combine(root, "templates", "default");
        var output = Path.Combine(Path.GetTempPath(), $"generator-ab-{Environment.ProcessId}");
        var baseline = new Build(baselineBin, "baseline");
        var candidate = new Build(candidateBin, "candidate");
        var before = baseline.Pipeline(sample, templateDir, output + "-baseline.docx");
        var after = candidate.Pipeline(sample, templateDir, output + "-candidate.docx");
        var floor = candidate.Floor(templateDir, output + "-floor.docx");
        // Past the tiered JIT's promotions in both builds (the pipeline's warm-up needs some 400 reports).
        for (var i = 0; i < 600; i++)
        {
            before();
            after();
            floor();
        }
        Console.WriteLine("| round | baseline ms | candidate ms | floor ms | baseline / floor | candidate / floor | candidate / baseline |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        for (var r = 1; r <= rounds; r++)
        {
            var (b, a, f) = (new List<double>(), new List<double>(), new List<double>());
            for (var i = 0; i < 200; i++)
            {
                // Each build goes first every other time: neither always runs in the other's wake (its garbage, its caches).
                if (i % 2 == 0)
                {
                    b.Add(Time(before));
                    a.Add(Time(after));
                }
                else
                {
                    a.Add(Time(after));
                    b.Add(Time(before));
                }
                f.Add(Time(floor));
            }
            var (mb, ma, mf) = (Median(b), Median(a), Median(f));
            Console.WriteLine($"| {r} | {mb:0.00} | {ma:0.00} | {mf:0.00} | {mb / mf:0.00} | {ma / mf:0.00} | {ma / mb:0.000} |");
        }
        return 0;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>One build's assemblies, its own and its packages', loaded apart from the bench's own copies.</summary>
    private sealed class Build(string bin, string name) : AssemblyLoadContext(name)
    {
        private readonly AssemblyDependencyResolver resolver = new(Path.Combine(bin, "generator.dll"));
        private readonly string program = Path.Combine(bin, "generator.dll");

        // Asked before the default context: without it the bench's own generator.dll would answer for both builds.
        protected override Assembly? Load(AssemblyName assemblyName) =>
            resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

        /// <summary>ReportWriter.Generate of this build on the sample, through reflection (its types are not the bench's).</summary>
        public Action Pipeline(string sample, string templateDir, string output)
        {
            var cli = LoadFromAssemblyPath(program);
            var loaded = cli.GetType("Generator.Cli.CompiledReportTemplate")!.GetMethod("Load", [typeof(string)])!.Invoke(null, [templateDir])!;
            var template = loaded.GetType().GetField("Item1")!.GetValue(loaded) ?? throw new InvalidOperationException($"{Name}: the default template does not compile");
            var generate = cli.GetType("Generator.Cli.ReportWriter")!.GetMethods()
                .Single(m => m.Name == "Generate" && m.GetParameters()[0].ParameterType == typeof(string));
            var arguments = generate.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : null).ToArray();
            (arguments[0], arguments[1], arguments[2]) = (sample, template, output);
            return () => generate.Invoke(null, arguments);
        }

        /// <summary>The bench's floor with this build's SDK: open the template package, parse and write its main part, save to disk.</summary>
        public Action Floor(string templateDir, string output)
        {
            var report = LoadFromAssemblyName(new AssemblyName("FinalAccounts.Report"));
            var package = (byte[])report.GetType("FinalAccounts.Report.ReportTemplate")!.GetMethod("Package")!.Invoke(null, [templateDir])!;
            var sdk = LoadFromAssemblyName(new AssemblyName("DocumentFormat.OpenXml"));
            var word = sdk.GetType("DocumentFormat.OpenXml.Packaging.WordprocessingDocument")!;
            var open = word.GetMethod("Open", [typeof(Stream), typeof(bool)])!;
            var mainPart = word.GetProperty("MainDocumentPart")!;
            return () =>
            {
                using var stream = new MemoryStream();
                stream.Write(package);
                stream.Position = 0;
                using (var document = (IDisposable)open.Invoke(null, [stream, true])!)
                {
                    var part = mainPart.GetValue(document)!;
                    var root = part.GetType().GetProperty("Document")!.GetValue(part)!;
                    root.GetType().GetMethod("Save", Type.EmptyTypes)!.Invoke(root, null);
                }
                File.WriteAllBytes(output, stream.ToArray());
            };
        }
    }
}
