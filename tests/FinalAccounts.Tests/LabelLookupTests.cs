using FinalAccounts.Model;

namespace FinalAccounts.Tests;

/// <summary>Lookups by label ignore spaces, bracket width and a trailing unit; of two labels alike that way, the first row answers.</summary>
public class LabelLookupTests
{
    [Fact]
    public void AKeyValueLabelIsFoundByItsKeyAndTheFirstOfTwoAlikeAnswers()
    {
        var sheet = new KeyValueSheet("上年数", [
            new KeyValueEntry("收入 合计（万元）", "10", new CellRef("上年数", 2, 2), 10m),
            new KeyValueEntry("收入合计", "20", new CellRef("上年数", 3, 2), 20m),
            new KeyValueEntry("支出合计", "30", new CellRef("上年数", 4, 2), 30m),
        ]);

        Assert.Equal(new CellRef("上年数", 2, 2), sheet.Find("收入合计(万元)")!.Cell);
        Assert.Equal(30m, sheet.Amount("支出 合计")!.Value);
        Assert.Null(sheet.Find("结转结余"));
        // A sheet made again with other rows answers from its own rows, not from what the first sheet was asked.
        var other = sheet with { Entries = [new KeyValueEntry("收入合计", "40", new CellRef("上年数", 9, 2), 40m)] };
        Assert.Equal(40m, other.Amount("收入合计")!.Value);
    }

    /// <summary>The keys are made once for a sheet; a caller adding rows to the list it gave the sheet still finds them.</summary>
    [Fact]
    public void RowsAddedToTheSheetsListAfterALookupAreFound()
    {
        var entries = new List<KeyValueEntry> { new("收入合计", "10", new CellRef("上年数", 2, 2), 10m) };
        var headers = new List<string> { "项目名称" };
        var sheet = new KeyValueSheet("上年数", entries);
        var list = new ListSheet("项目预算", headers, []);
        Assert.Null(sheet.Find("支出合计"));
        Assert.Equal(-1, list.ColumnOf("预算数"));

        entries.Add(new KeyValueEntry("支出合计", "30", new CellRef("上年数", 3, 2), 30m));
        headers.Add("预算数");

        Assert.Equal(30m, sheet.Amount("支出合计")!.Value);
        Assert.Equal(1, list.ColumnOf("预算数"));
    }

    [Fact]
    public void AListHeaderIsFoundByItsKeyAndTheFirstOfTwoAlikeAnswers()
    {
        var sheet = new ListSheet("项目预算", ["项目名称", "预算数（万元）", "预算数", "备注"], []);

        Assert.Equal(1, sheet.ColumnOf("预算数"));
        Assert.Equal(0, sheet.ColumnOf("项目 名称"));
        Assert.Equal(-1, sheet.ColumnOf("决算数"));
    }
}
