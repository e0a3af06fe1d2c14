namespace FinalAccounts.Model;

/// <summary>A cell of the input workbook, 1-based row and column, printed the way Excel users read it: 公开03表!E12.</summary>
public sealed record CellRef(string Sheet, int Row, int Column)
{
    public string Address => ColumnLetters(Column) + Row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"{Sheet}!{Address}";

    public static string ColumnLetters(int column)
    {
        var letters = "";
        for (var c = column; c > 0; c = (c - 1) / 26)
            letters = (char)('A' + (c - 1) % 26) + letters;
        return letters;
    }
}
