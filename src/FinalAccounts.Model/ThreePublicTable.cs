namespace FinalAccounts.Model;

/// <summary>
/// Table 09, one data row: for 预算数 and 决算数 each, 合计, 因公出国(境)费, 公务用车购置及运行维护费
/// (小计, 购置费, 运行维护费) and 公务接待费. Columns keep their header path, e.g. 预算数/公务接待费.
/// </summary>
public sealed record ThreePublicTable(TableInfo Info, IReadOnlyList<TableColumn> Columns, IReadOnlyList<Amount> Values)
{
    public Amount? Get(string group, params string[] keywords)
    {
        var index = Columns.FindIndex([group, .. keywords]);
        return index < 0 ? null : Values[index];
    }
}
