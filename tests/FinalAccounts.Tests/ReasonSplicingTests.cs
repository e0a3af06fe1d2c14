using FinalAccounts.Calculation;
using FinalAccounts.Tests.Support;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 15: a reason the user lists (一是…二是…) is spliced as "主要原因一是…二是…" — published reports never say
/// "主要变动原因是一是…" — and a reason that brings its own lead-in ("主要原因是…") gets no second one. Every shipped template.
/// The sample's 收支总计变动原因 is 变动原因!B2; 一 of the report prints it after the 收支总计 change.
/// </summary>
public class ReasonSplicingTests
{
    /// <summary>Every template that states the 收支总计 change with its reason (the 自评报告 has no such sentence).</summary>
    public static TheoryData<string> Templates => new(TemplateNames());

    private static IEnumerable<string> TemplateNames() => Directory.GetDirectories(Path.Combine(Repo.Root, "templates"))
        .Where(t => File.ReadAllText(Path.Combine(t, "template.xml")).Contains("overview.total.reason.text", StringComparison.Ordinal))
        .Select(t => Path.GetFileName(t));

    [Fact]
    public void TheDecisionReportTemplatesAreAmongThem() =>
        Assert.Superset(new HashSet<string> { "default", "hubei" }, TemplateNames().ToHashSet());

    private static string ReportWithReason(string template, string reason)
    {
        using var temp = new TempFolder();
        var path = WorkbookEditor.Load(Repo.SampleXlsx).Set("变动原因", "B2", reason).Save(temp.File("reason.xlsx"));
        var built = ReportWriter.Build(path, CompiledReportTemplate.Load(Path.Combine(Repo.Root, "templates", template)).Template!);
        Assert.Empty(DocxText.ValidationErrors(built.Document!));
        return DocxText.Of(built.Document!);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void AListedReasonFollowsMainReasonDirectly(string template)
    {
        var text = ReportWithReason(template, "一是上级补助增加；二是项目资金增加。");
        Assert.Contains("主要原因一是上级补助增加；二是项目资金增加。", text);
        Assert.DoesNotContain("是一是", text);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void AReasonWithItsOwnLeadInIsNotGivenASecond(string template)
    {
        var text = ReportWithReason(template, "主要原因是上级补助增加。");
        Assert.Contains("主要原因是上级补助增加。", text);
        Assert.DoesNotContain("原因是主要原因", text);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void APlainReasonKeepsTheTemplatesLeadIn(string template)
    {
        var text = ReportWithReason(template, "上级补助增加。");
        Assert.Contains("主要变动原因是上级补助增加。", text);
    }

    [Theory]
    [InlineData("一是…", true, false)]
    [InlineData("（一）…", true, false)]
    [InlineData("1.人员增加", true, false)]
    [InlineData("主要原因是…", false, true)]
    [InlineData("主要是…", false, true)]
    [InlineData("系统升级费用增加", false, false)]
    [InlineData("10.5万元用于培训", false, false)]
    [InlineData("1.5万元用于培训", false, false)]
    [InlineData("一是2020年无结转资金，二是增加项目", true, false)]   // reference 001's 一: a year after 一是 is no figure
    [InlineData("1、2020年结转资金已用完", true, false)]
    public void TheLeadInIsReadFromHowTheTextBegins(string text, bool enumeration, bool ownLead)
    {
        var reason = new Reason(text, true, false, false, "变动原因!B2");
        Assert.Equal(enumeration, reason.StartsWithEnumeration);
        Assert.Equal(ownLead, reason.HasOwnLead);
    }
}
