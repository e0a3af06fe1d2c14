namespace FinalAccounts.Model;

/// <summary>How a user table's numbers are printed: the unit its sheet declares (no conversion between units).</summary>
public enum UserTableUnit
{
    None,
    Yuan,
    TenThousandYuan,
    Points,
    Percent,
}

/// <summary>
/// A sheet named 表格… read as entered: which rows and columns make the table, how many of its first
/// rows are the header (the first row and the rows its merged cells reach down to), and the unit
/// its numbers are in. The cells themselves stay in <see cref="Sheet"/>.
/// </summary>
/// <param name="Name">The sheet name without the 表格 prefix: what a template names it by.</param>
/// <param name="UnitText">The unit as the sheet wrote it (万元, 元, 分, %), empty when none.</param>
public sealed record UserTable(string Name, RawSheet Sheet, UserTableUnit Unit, string UnitText, IReadOnlyList<int> Rows, int HeaderRowCount, int ColumnCount);
