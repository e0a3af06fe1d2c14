using FinalAccounts.Input;
using FinalAccounts.Model;
using FinalAccounts.Tests.Samples;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>Issue 12: Sichuan's 13- and 14-table exports are read as they are, checked, and printed in full.</summary>
public class SichuanSetTests
{
    internal static string Write(TempFolder temp, SampleWorkbook.Export export, string name)
    {
        var path = temp.File(name);
        XlsxWriter.Write(path, SampleWorkbook.Build(export));
        return path;
    }

    [Fact]
    public void Dump()
    {
        using var temp = new TempFolder();
        foreach (var (export, name) in new[] { (SampleWorkbook.Export.Sichuan13, "s13.xlsx"), (SampleWorkbook.Export.Sichuan14, "s14.xlsx") })
        {
            var path = Write(temp, export, name);
            File.Copy(path, "/tmp/sc/" + name, true);
        }
    }
}
