namespace FinalAccounts.Model;

/// <summary>
/// An amount column, named by its header path as exported: merged group headers first, e.g.
/// ["本年支出", "小计"]. Names are normalised (no spaces, half-width brackets) so they compare by meaning.
/// </summary>
public sealed record TableColumn(int SheetColumn, IReadOnlyList<string> Path)
{
    public string Leaf => Path.Count == 0 ? "" : Path[^1];

    public string Parent => Path.Count < 2 ? "" : string.Join("/", Path.Take(Path.Count - 1));

    public string Key => string.Join("/", Path);

    public bool IsTotal => Leaf.Contains("合计") || Leaf.Contains("小计");
}
