using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinalAccounts.Calculation;

/// <summary>
/// The choices regions make differently (domain doc §4): which budget 完成预算 compares with, the
/// 基本持平 band, when a change needs a reason, and the placeholder shown for a missing reason.
/// Read from settings.json next to a template; see docs/计算设置.md.
/// </summary>
public sealed record CalculationSettings
{
    /// <summary>"调整预算" or "年初预算".</summary>
    public string BudgetBasis { get; init; } = "调整预算";

    /// <summary>|决算 − 预算| / 预算 at or below this many percent reads 基本持平; 0 means only equal is equal.</summary>
    public decimal RoughlyEqualBandPercent { get; init; }

    /// <summary>A year-on-year change needs a reason when |change %| is above this; 0 means every change does.</summary>
    public decimal ReasonRequiredAbovePercent { get; init; }

    /// <summary>Shown where a required reason is missing; {0} is what is missing.</summary>
    public string MissingReasonPlaceholder { get; init; } = "【待填写：{0}】";

    /// <summary>The name of the template's character style every placeholder is set in (its look is the template's).</summary>
    public string PlaceholderStyle { get; init; } = "待填写";

    public static CalculationSettings Default { get; } = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads a settings file; a missing file means the defaults, a malformed one is the maintainer's error to fix.</summary>
    public static CalculationSettings Load(string path)
    {
        if (!File.Exists(path))
            return Default;
        var settings = JsonSerializer.Deserialize<CalculationSettings>(File.ReadAllText(path), Json) ?? Default;
        if (settings.BudgetBasis is not ("调整预算" or "年初预算"))
            throw new InvalidDataException($"{path}: budgetBasis 应为“调整预算”或“年初预算”，现为“{settings.BudgetBasis}”。");
        if (settings.RoughlyEqualBandPercent < 0 || settings.ReasonRequiredAbovePercent < 0)
            throw new InvalidDataException($"{path}: 百分比设置不能为负数。");
        return settings;
    }
}
