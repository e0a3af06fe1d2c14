namespace FinalAccounts.Model;

/// <summary>
/// A money figure in 万元 (converted from the sheet's declared unit) with the cell it was read from.
/// Tail is the rounding step of the source unit in 万元 (0.01 for 万元 sheets): the reconciliation
/// checks tolerate one tail per addend because converting 元 to 万元 leaves such differences.
/// </summary>
public sealed record Amount(decimal Value, CellRef? Source, decimal Tail = Amount.WanYuanTail)
{
    public const decimal WanYuanTail = 0.01m;

    public static Amount Zero(CellRef? source = null) => new(0m, source);

    public bool IsZero => Value == 0m;
}
