using System.Collections;
using System.Globalization;
using System.Reflection;
using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>
/// 〔…〕 in a named text: the figure the report prints elsewhere, already rounded. The name is either
/// a field path of the view model as docs/模板字段.md lists it (〔income.total.current〕; an amount or a
/// percentage prints its text) or one of the few Chinese names below, each standing for such a path.
/// </summary>
public static class TextMarkers
{
    public const char Open = '〔', Close = '〕';

    /// <summary>The Chinese names finance staff write (documented in docs/输入工作簿格式.md) and the field each prints.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["部门名称"] = "department.name",
        ["决算年度"] = "department.year",
        ["收支总计"] = "overview.total.current",
        ["上年收支总计"] = "overview.total.prior",
        ["本年收入合计"] = "income.total.current",
        ["本年支出合计"] = "expenditure.total.current",
        ["财政拨款收支总计"] = "fiscal.total.current",
        ["一般公共预算财政拨款支出"] = "generalBudget.total.current",
        ["基本支出"] = "basic.total",
        ["人员经费"] = "basic.personnel",
        ["公用经费"] = "basic.public",
        ["“三公”经费支出"] = "threePublic.actual",
        ["“三公”经费预算数"] = "threePublic.budget",
        ["机关运行经费"] = "other.operatingCost.current",
        ["政府采购支出总额"] = "other.procurement.total",
        ["部门整体支出绩效自评得分"] = "performance.departmentScore",
        ["绩效自评项目个数"] = "performance.projectCount",
    };

    /// <summary>The printed figure a marker names, or null when the name is neither a Chinese name above nor a printable field.</summary>
    public static string? Resolve(ReportModel model, string name)
    {
        var key = LabelText.Key(name);
        var path = Names.FirstOrDefault(n => LabelText.Key(n.Key) == key).Value ?? name.Trim();
        object? value = model;
        foreach (var segment in path.Split('.'))
        {
            value = Step(value, segment);
            if (value is null)
                return null;
        }
        return Printed(value);
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "View-model assemblies are rooted in the native build (Generator.Cli.csproj).")]
    private static object? Step(object? value, string segment)
    {
        if (value is null || segment.Length == 0 || value is string)
            return null;
        if (value is IList list)
            return int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Count ? list[i] : null;
        var property = value.GetType().GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is null || property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract" ? null : property.GetValue(value);
    }

    /// <summary>A value prints as itself; an amount, percentage or count as the text the report prints for it.</summary>
    private static string? Printed(object value) => value switch
    {
        string s => s,
        int or long or decimal => Convert.ToString(value, CultureInfo.InvariantCulture),
        Money m => m.Text,
        Percent p => p.Text,
        Count c => c.Text,
        Change c => c.Current.Text,
        _ => null,
    };
}
