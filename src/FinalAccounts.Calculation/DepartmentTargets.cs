namespace FinalAccounts.Calculation;

/// <summary>One column group of the 申报表's 资金 (基本支出 or 项目支出); 合计 is computed from the three sources.</summary>
/// <param name="Total">合计（财政拨款+专户资金+单位资金）<unit>万元</unit></param>
/// <param name="Fiscal">财政拨款<unit>万元</unit></param>
/// <param name="Special">专户资金<unit>万元</unit></param>
/// <param name="Unit">单位资金<unit>万元</unit></param>
public sealed record TargetFunds(Money Total, Money Fiscal, Money Special, Money Unit);

/// <param name="Name">任务名称</param>
/// <param name="Content">主要内容</param>
public sealed record TargetTask(string Name, string Content);

/// <param name="Level1">一级指标</param>
/// <param name="Level2">二级指标</param>
/// <param name="Level3">三级指标</param>
/// <param name="Nature">指标性质（=、≥、≤、定性）</param>
/// <param name="Target">指标值</param>
/// <param name="Unit">度量单位</param>
/// <param name="Weight">权重<unit>分</unit></param>
public sealed record TargetIndicator(string Level1, string Level2, string Level3, string Nature, string Target, string Unit, string Weight);

/// <summary>部门（单位）整体支出绩效目标申报表 (sheets 整体绩效目标, 年度主要任务, 整体绩效指标).</summary>
/// <param name="IsGiven">工作簿有“整体绩效目标”表（没有时其余各项为空，模板不印申报表）</param>
/// <param name="UnitName">预算（单位）名称</param>
/// <param name="Basic">基本支出（合计、财政拨款、专户资金、单位资金）</param>
/// <param name="Project">项目支出（合计、财政拨款、专户资金、单位资金）</param>
/// <param name="Total">预算支出总额（基本支出合计+项目支出合计）<unit>万元</unit></param>
/// <param name="Goals">整体绩效目标（每段一项）</param>
/// <param name="OtherNotes">其他说明（未填为空）</param>
/// <param name="Tasks">年度主要任务（每项一行）</param>
/// <param name="Indicators">年度绩效指标（每个一行）</param>
/// <param name="WeightTotal">各指标权重之和<unit>分</unit></param>
public sealed record DepartmentTargets(
    bool IsGiven, string UnitName, TargetFunds Basic, TargetFunds Project, Money Total, IReadOnlyList<string> Goals, string OtherNotes,
    IReadOnlyList<TargetTask> Tasks, IReadOnlyList<TargetIndicator> Indicators, string WeightTotal)
{
    private static readonly Money Nothing = Round.Money(0m);

    /// <summary>A workbook without the sheets: nothing to print, nothing to find.</summary>
    public static readonly DepartmentTargets None = new(false, "", new(Nothing, Nothing, Nothing, Nothing), new(Nothing, Nothing, Nothing, Nothing),
        Nothing, [], "", [], [], "");
}
