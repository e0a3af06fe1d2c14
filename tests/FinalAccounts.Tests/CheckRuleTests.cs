using FinalAccounts.Model;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// One broken workbook per reconciliation rule, made from the sample by changing cells: the rule's
/// id must be reported at the cell that holds the wrong figure's total.
/// </summary>
public class CheckRuleTests
{
    public sealed record Case(string Name, Action<WorkbookEditor> Break, string Id, string Cell, Severity Severity = Severity.Error)
    {
        public override string ToString() => $"{Id} {Name}";
    }

    private const string T1 = "公开01表", T2 = "公开02表", T3 = "公开03表", T4 = "公开04表", T5 = "公开05表",
        T6 = "公开06表", T7 = "公开07表", T8 = "公开08表", T9 = "公开09表";

    private static Action<WorkbookEditor> Add(string sheet, string cell, decimal delta) => e => e.Add(sheet, cell, delta);

    private static Action<WorkbookEditor> Both(params Action<WorkbookEditor>[] changes) => e => { foreach (var c in changes) c(e); };

    private static Action<WorkbookEditor> Put(string sheet, string cell, object? value) => e => e.Set(sheet, cell, value);

    public static TheoryData<Case> Cases => new()
    {
        new("T1 本年收入合计 off by 1", Add(T1, "C34", 1), "CHK001", $"{T1}!C34"),
        new("T1 收入总计 off by 1", Add(T1, "C37", 1), "CHK002", $"{T1}!C37"),
        new("T1 本年支出合计 off by 1", Add(T1, "F34", 1), "CHK003", $"{T1}!F34"),
        new("T1 支出总计 off by 1", Add(T1, "F37", 1), "CHK004", $"{T1}!F37"),
        new("T1 income side consistent but larger", Both(Add(T1, "C36", 1), Add(T1, "C37", 1)), "CHK005", $"{T1}!C37"),
        new("T2 row sources", Add(T2, "F22", 1), "CHK010", $"{T2}!C22"),
        new("T3 row kinds", Add(T3, "D22", 1), "CHK011", $"{T3}!C22"),
        new("T5 row 小计", Add(T5, "D18", 1), "CHK012", $"{T5}!C18"),
        new("T8 row 合计", Both(Put(T8, "A7", "合计"), Put(T8, "C7", 10m), Put(T8, "D7", 5m), Put(T8, "E7", 4m)), "CHK013", $"{T8}!C7"),
        new("T7 row 小计", Add(T7, "E8", 1), "CHK014", $"{T7}!E8"),
        new("T7 row balance", Add(T7, "H10", 1), "CHK015", $"{T7}!H10"),
        new("T3 合计 vs 类", Both(Add(T3, "C7", 1), Add(T3, "D7", 1)), "CHK020", $"{T3}!C7"),
        new("T3 类 vs 款", Both(Add(T3, "C19", 1), Add(T3, "D19", 1)), "CHK021", $"{T3}!C19"),
        new("T3 款 vs 项", Both(Add(T3, "C20", 1), Add(T3, "D20", 1)), "CHK022", $"{T3}!C20"),
        new("T4 本年收入合计", Add(T4, "C34", 1), "CHK030", $"{T4}!C34"),
        new("T4 fund balance", Both(Add(T4, "G35", 1), Add(T4, "F35", 1)), "CHK031", $"{T4}!G35"),
        new("T4 row funds", Add(T4, "F19", 1), "CHK032", $"{T4}!F19"),
        new("T4 two 总计", Both(Add(T4, "F39", 1), Add(T4, "G39", 1)), "CHK033", $"{T4}!C39"),
        new("T4 收入总计", Add(T4, "C39", 1), "CHK034", $"{T4}!C39"),
        new("T4 支出总计", Both(Add(T4, "F39", 1), Add(T4, "G39", 1)), "CHK035", $"{T4}!F39"),
        new("T4 本年支出合计 by column", Both(Add(T4, "G34", 1), Add(T4, "F34", 1)), "CHK036", $"{T4}!G34"),
        new("T4 年初 by fund", Add(T4, "C36", 1), "CHK037", $"{T4}!C35"),
        new("T6 人员经费合计", Add(T6, "C20", 1), "CHK040", $"{T6}!C20"),
        new("T6 公用经费合计", Add(T6, "I20", 1), "CHK041", $"{T6}!I20"),
        new("T6 301 vs items", Add(T6, "C8", 1), "CHK042", $"{T6}!C7"),
        new("T9 budget 合计", Add(T9, "A8", 1), "CHK050", $"{T9}!A8"),
        new("T9 actual 公务用车小计", Both(Add(T9, "I8", 1), Add(T9, "G8", 1)), "CHK051", $"{T9}!I8"),
        new("T1 vs T2 本年收入合计", Add(T1, "C34", 1), "CHK060", $"{T1}!C34"),
        new("T1 fiscal vs T2 财政拨款收入", Add(T2, "D7", 1), "CHK061", $"{T1}!C7"),
        new("T1 fiscal vs T4 本年收入合计", Add(T4, "C34", 1), "CHK062", $"{T1}!C7"),
        new("T1 事业收入 vs T2", Add(T2, "F7", 1), "CHK063", $"{T1}!C11"),
        new("T1 本年支出合计 vs T3", Add(T3, "C7", 1), "CHK064", $"{T1}!F34"),
        new("T1 类 vs T3 类", Add(T1, "F19", 1), "CHK065", $"{T1}!F19"),
        new("T1 类 missing in T3", Put(T1, "F11", 5m), "CHK065", $"{T1}!F11"),
        new("T4 一般公共预算 vs T5", Add(T4, "G16", 1), "CHK066", $"{T4}!G16"),
        new("T5 基本支出 vs T6", Add(T5, "D7", 1), "CHK067", $"{T5}!D7"),
        new("T4 基金 vs T7", Add(T4, "H18", 1), "CHK068", $"{T4}!H18"),
        new("T4 国资 without T8", Put(T4, "I19", 3m), "CHK069", $"{T4}!I19"),
        new("T5 above T3", Put(T5, "E24", 2400m), "CHK070", $"{T5}!E24"),
        new("T6 30231 above T9", Put(T6, "I11", 20m), "CHK071", $"{T6}!I11"),
        new("T7 本年收入 vs T4", Add(T7, "D7", 1), "CHK072", $"{T4}!C8"),
        new("procurement parts", Add("政府采购", "B3", 1), "CHK080", "政府采购!B2"),
        new("procurement 小微 above 中小", Put("政府采购", "B7", 2000m), "CHK081", "政府采购!B7"),
        new("vehicle categories", Put("国有资产", "B3", 1), "CHK082", "国有资产!B2"),
        new("机关运行经费 vs 公用经费", Add("基本信息", "B6", 1), "CHK083", "基本信息!B6"),
        new("budget for unknown 项", Put("项目预算", "A14", "2130199"), "CHK084", "项目预算!A14", Severity.Warning),
        new("项 without budget", Put("项目预算", "A6", "2130199"), "CHK085", $"{T5}!A18", Severity.Warning),
        new("renamed 本年收入合计", Put(T1, "A34", "收入小计"), "CHK090", $"{T1}!A1"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BrokenWorkbookYieldsTheRuleAtTheCell(Case c)
    {
        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        c.Break(editor);
        var path = editor.Save(temp.File("broken.xlsx"));

        var findings = ValidateCommand.Validate(path);

        Assert.Contains(findings, f => f.Id == c.Id && f.Location?.ToString() == c.Cell && f.Severity == c.Severity);
        Assert.Equal(c.Severity == Severity.Error ? ExitCodes.Errors : ExitCodes.Warnings, ValidateCommand.ExitCodeOf(findings));
    }

    [Fact]
    public void TailDifferenceWithinOneCentPerAddendIsAWarning()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Add(T3, "D22", 0.01m).Add(T3, "C22", 0m).Save(temp.File("tail.xlsx"));
        var findings = ValidateCommand.Validate(path);
        var rowRule = Assert.Single(findings, f => f.Id == "CHK011");
        Assert.Equal(Severity.Warning, rowRule.Severity);
        Assert.Equal(677.78m, rowRule.Actual);
        Assert.Equal(677.79m, rowRule.Expected);
    }

    [Fact]
    public void AllFindingsAreReportedAtOnce()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Add(T1, "C34", 1).Add(T6, "C20", 1).Put("政府采购", "B7", 2000m).Save(temp.File("many.xlsx"));
        var ids = ValidateCommand.Validate(path).Select(f => f.Id).ToHashSet();
        Assert.Superset(new HashSet<string> { "CHK001", "CHK040", "CHK081" }, ids);
    }

    [Fact]
    public void FindingNamesWorkbookSheetCellBothValuesAndRule()
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Add(T3, "D22", 1).Save(temp.File("示例.xlsx"));
        var finding = ValidateCommand.Validate(path).First(f => f.Id == "CHK011");
        Assert.Equal("示例.xlsx[公开03表!C22]: error CHK011: 2130104 事业运行“本年支出合计” 677.78 ≠ 基本支出+项目支出+上缴上级支出+经营支出+对附属单位补助支出 678.78（相差1.00）（对照：公开03表!D22、公开03表!E22、公开03表!F22、公开03表!G22、公开03表!H22）",
            finding.Format("示例.xlsx"));
    }
}

internal static class EditorTestExtensions
{
    public static WorkbookEditor Put(this WorkbookEditor e, string sheet, string cell, object? value) => e.Set(sheet, cell, value);
}
