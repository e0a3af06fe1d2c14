using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using FinalAccounts.Input;
using FinalAccounts.Tests.Support;
using Generator.Cli;
using static FinalAccounts.Tests.Support.XlsxPackage;

namespace FinalAccounts.Tests;

/// <summary>
/// Workbooks built to break the reader: a generated corpus of mutants (bytes flipped inside parts,
/// absurd and doubled references, doubled and renamed sheets, odd numbers, unprintable characters,
/// huge strings, shared-strings and merge bombs). Whatever they hold, `generate` answers with a
/// finding (exit 0, 1 or 2, never 3), in bounded time, writes nothing on refusal and never changes
/// the input; a report it does write is a valid .docx.
/// </summary>
public class HostileInputTests(Xunit.Abstractions.ITestOutputHelper log)
{
    public sealed record Mutant(string Kind, string Name, Func<TempFolder, string> Build)
    {
        public override string ToString() => $"{Kind}: {Name}";
    }

    private static Func<TempFolder, string> Package(Func<XlsxPackage, XlsxPackage> change) =>
        temp => change(XlsxPackage.Load(Repo.SampleXlsx)).Save(temp.File("mutant.xlsx"));

    private static Func<TempFolder, string> Edit(Action<WorkbookEditor> change) => temp =>
    {
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        change(editor);
        return editor.Save(temp.File("mutant.xlsx"));
    };

    /// <summary>Flips a few bytes inside one decompressed part, seeded so every run tries the same mutants.</summary>
    private static Func<TempFolder, string> FlipBytes(int seed) => Package(p =>
    {
        var random = new Random(seed);
        var names = p.Parts.Keys.Where(k => k.EndsWith(".xml", StringComparison.Ordinal) || k.EndsWith(".rels", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var part = names[random.Next(names.Count)];
        var bytes = p.Parts[part];
        for (var i = 0; i < 1 + random.Next(8); i++)
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return p;
    });

    private static XlsxPackage Merges(XlsxPackage p, int count) => p.EditSheet("公开03表", sheet =>
    {
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var merges = sheet.Root!.Element(main + "mergeCells") ?? new XElement(main + "mergeCells");
        if (merges.Parent is null)
            sheet.Root.Element(main + "sheetData")!.AddAfterSelf(merges);
        for (var i = 0; i < count; i++)
            merges.Add(new XElement(main + "mergeCell", new XAttribute("ref", $"AA{i + 100}:AB{i + 100}")));
    });

    public static TheoryData<Mutant> Corpus()
    {
        var mutants = new List<Mutant>();
        for (var seed = 1; seed <= 24; seed++)
            mutants.Add(new("byte flips", $"seed {seed}", FlipBytes(seed)));
        foreach (var reference in new[] { "A0", "A1048577", "XFE1", "ZZZZZZZZZZ1", "1A", "", "C99999999999" })
            mutants.Add(new("absurd reference", $"r=\"{reference}\"", Package(p => p.EditSheet("公开03表", sheet =>
            {
                XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
                sheet.Descendants(main + "c").First(c => (string?)c.Attribute("r") == "C7").SetAttributeValue("r", reference);
            }))));
        mutants.Add(new("absurd reference", "row r=\"0\"", Package(p => p.EditSheet("公开01表", sheet =>
            sheet.Descendants().First(e => e.Name.LocalName == "row").SetAttributeValue("r", "0")))));
        mutants.Add(new("absurd reference", "stray cell at XFD1048576", Edit(e => e.Set("公开03表", "XFD1048576", 1m))));
        mutants.Add(new("absurd reference", "stray text at XFD1 of 基本信息", Edit(e => e.Set("基本信息", "XFD1", "远处"))));
        mutants.Add(new("duplicated reference", "two cells C7", Package(p => p.EditSheet("公开03表", sheet =>
        {
            var cell = sheet.Descendants().First(c => c.Name.LocalName == "c" && (string?)c.Attribute("r") == "C7");
            cell.AddAfterSelf(new XElement(cell) { Value = "" }.With(c => c.Add(V("999"))));
        }))));
        mutants.Add(new("duplicated reference", "row 7 twice", Package(p => p.EditSheet("公开03表", sheet =>
        {
            var row = sheet.Descendants().First(r => r.Name.LocalName == "row" && (string?)r.Attribute("r") == "7");
            row.AddAfterSelf(new XElement(row));
        }))));
        foreach (var (original, copy) in new[] { ("基本信息", "基本信息 "), ("基本信息", "基本 信息"), ("基本信息", "基本信息\u3000"), ("公开01表", "公开01表 "), ("公开01表", "公开０１表"), ("上年数", "上年数（万元）") })
            mutants.Add(new("duplicated sheet", $"“{original}” and “{copy}”", Edit(e =>
                e.Sheets.Add(SheetContent.FromRaw(ExcelGridReader.Read(Repo.SampleXlsx).Sheets.Single(s => s.Name == original)).With(s => s.Name = copy)))));
        mutants.Add(new("renamed sheet", "基本信息 → 基本資訊", Edit(e => e.Sheet("基本信息").Name = "基本資訊")));
        mutants.Add(new("renamed sheet", "name of 40 characters", Package(p => p.SetText("xl/workbook.xml", p.Text("xl/workbook.xml").Replace("name=\"上年数\"", $"name=\"{new string('长', 40)}\"")))));
        foreach (var (type, value) in new[] { ((string?)null, "NaN"), (null, "1e400"), (null, "-0"), (null, "1E-400"), (null, "  "), (null, "0x10"), (null, "七"), ("b", "2"), ("e", "#DIV/0!"), ("d", "2024-01-01"), ("s", "999999"), ("s", "-1") })
            mutants.Add(new("odd number", $"C7 t={type ?? "n"} v=\"{value}\"", Package(p => p.SetCell("公开03表", "C7", type, V(value)))));
        mutants.Add(new("odd number", "上年收支总计 7.9e27", Edit(e => e.Set("上年数", "B2", 7.9e27m))));
        mutants.Add(new("odd number", "上年收支总计 (7862.31)", Edit(e => e.Set("上年数", "B2", "(7862.31)"))));
        mutants.Add(new("odd number", "formula without value in 项目资金", Edit(e => e.Set("项目资金", "C2", new Formula("1+1")))));
        mutants.Add(new("unprintable text", "lone surrogate in 部门名称", Package(p => p.SetCell("基本信息", "B2", "inlineStr", Inline("示例县_xD800_农业农村局")))));
        mutants.Add(new("unprintable text", "lone low surrogate in a table cell", Package(p => p.SetCell("公开03表", "B8", "inlineStr", Inline("一般公共服务_xDC00_")))));
        mutants.Add(new("unprintable text", "ESC and BEL in 部门职责", Package(p => p.SetCell("部门职责", "B2", "inlineStr", Inline("职责_x001B_[31m红_x0007_")))));
        mutants.Add(new("unprintable text", "U+FFFF in 变动原因", Package(p => p.SetCell("变动原因", "B2", "inlineStr", Inline("原因_xFFFF_")))));
        mutants.Add(new("huge string", "40 000 characters in 部门名称 (inline)", Package(p => p.SetCell("基本信息", "B2", "inlineStr", Inline(new string('局', 40_000))))));
        mutants.Add(new("huge string", "2 MB shared string as 部门名称", Package(p => p.WithSharedStrings(new string('局', 2_000_000)).SetCell("基本信息", "B2", "s", V("0")))));
        mutants.Add(new("huge string", "cached formula text of 100 000 characters", Package(p => p.SetCell("变动原因", "B2", "str", F("REPT(\"x\",100000)"), V(new string('x', 100_000))))));
        mutants.Add(new("shared-strings bomb", "300 000 strings of 20 characters", Package(p => p.WithSharedStrings(Enumerable.Range(0, 300_000).Select(i => $"填充{i:D18}").ToArray()))));
        mutants.Add(new("merge bomb", "20 000 merged ranges", Package(p => Merges(p, 20_000))));
        mutants.Add(new("cell bomb", "1 100 000 cells", Package(p => p.EditSheet("上年数", sheet =>
        {
            XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            var data = sheet.Descendants(main + "sheetData").Single();
            for (var r = 0; r < 11_000; r++)
                data.Add(new XElement(main + "row", new XAttribute("r", 100 + r),
                    Enumerable.Range(0, 100).Select(c => new XElement(main + "c", new XAttribute("r", $"{Letters(c + 1)}{100 + r}"), V("1")))));
        }))));
        var data = new TheoryData<Mutant>();
        foreach (var mutant in mutants)
            data.Add(mutant);
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void MutantIsAnsweredWithFindingsNeverACrash(Mutant mutant)
    {
        using var temp = new TempFolder();
        var input = mutant.Build(temp);
        var before = File.ReadAllBytes(input);
        var report = temp.File("report.docx");
        var output = new StringWriter();
        var clock = Stopwatch.StartNew();

        var exit = GenerateCommand.Run(input, Path.Combine(Repo.Root, "templates", "default"), report, pdf: false, trace: false, output);

        var text = output.ToString();
        var ids = System.Text.RegularExpressions.Regex.Matches(text, @" (IN\d{3}|CHK\d{3}|CALC\d{3}|OUT\d{2}): ").Select(m => m.Groups[1].Value).Distinct();
        log.WriteLine($"OUTCOME\t{mutant.Kind}\t{mutant.Name}\texit {exit}\t{string.Join(",", ids)}\t{clock.ElapsedMilliseconds} ms");
        Assert.True(exit is ExitCodes.Clean or ExitCodes.Warnings or ExitCodes.Errors, $"exit {exit}: {text}");
        Assert.DoesNotContain("内部错误", text);
        Assert.DoesNotContain(text, c => char.IsControl(c) && c is not ('\n' or '\r') || char.IsSurrogate(c) && !char.IsSurrogatePair(text, text.IndexOf(c)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(before, File.ReadAllBytes(input));
        if (exit == ExitCodes.Errors)
            Assert.False(File.Exists(report), "a report was written for a refused workbook");
        else
            Assert.Empty(DocxText.ValidationErrors(File.ReadAllBytes(report)));
    }

    [Fact]
    public void CorpusCoversEveryKindOfMutant()
    {
        var kinds = ((IEnumerable<object[]>)Corpus()).Select(o => ((Mutant)o[0]).Kind).ToHashSet();
        Assert.Superset(kinds, new HashSet<string> { "byte flips", "absurd reference", "duplicated reference", "duplicated sheet", "renamed sheet",
            "odd number", "unprintable text", "huge string", "shared-strings bomb", "merge bomb", "cell bomb" });
    }

    private static string Letters(int column) => FinalAccounts.Model.CellRef.ColumnLetters(column);
}

internal static class XElementExtensions
{
    public static XElement With(this XElement element, Action<XElement> change)
    {
        change(element);
        return element;
    }
}
