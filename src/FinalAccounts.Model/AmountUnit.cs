namespace FinalAccounts.Model;

/// <summary>The 金额单位 a table declares. Everything in the model is held in 万元.</summary>
public enum AmountUnit
{
    WanYuan,
    Yuan,
}

public static class AmountUnits
{
    public static decimal ToWanYuanFactor(this AmountUnit unit) => unit == AmountUnit.Yuan ? 0.0001m : 1m;

    public static string DisplayName(this AmountUnit unit) => unit == AmountUnit.Yuan ? "元" : "万元";
}
