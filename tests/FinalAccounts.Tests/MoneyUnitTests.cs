using System.Collections;
using FinalAccounts.Calculation;
using FinalAccounts.Report;
using FinalAccounts.Tests.Support;
using DocxTemplating;
using Generator.Cli;

namespace FinalAccounts.Tests;

/// <summary>
/// Issue 15: a report in 元 (settings' moneyUnit). The same workbook's figures, converted once and rounded once to
/// 0.01 元: every amount of the view model is its 万元 counterpart × 10 000 (the sample's figures have two decimals in
/// 万元, so the conversion is exact), every share and rate is the same, and nothing else changes.
/// </summary>
public class MoneyUnitTests
{
    private static object Tree(string unit)
    {
        var stage = ReportPipeline.Calculate(Repo.SampleXlsx, CalculationSettings.Default with { MoneyUnit = unit });
        return DataTree.FromObject(stage.Model!)!;
    }

    /// <summary>A printable amount as the view model holds it: value, text, table, isZero, sources.</summary>
    private static bool IsMoney(IDictionary<string, object?> map) =>
        map.ContainsKey("value") && map.ContainsKey("table") && map.ContainsKey("isZero") && map.ContainsKey("sources");

    private static void Compare(object? wan, object? yuan, string path, List<string> moneyPaths)
    {
        switch (wan)
        {
            case IDictionary<string, object?> w when IsMoney(w):
                var y = (IDictionary<string, object?>)yuan!;
                moneyPaths.Add(path);
                if (w.TryGetValue("isMissing", out var missing) && missing is true)
                {
                    Assert.Equal(w["text"], y["text"]);
                    return;
                }
                var value = Convert.ToDecimal(w["value"]) * 10000m;
                Assert.True(value == Convert.ToDecimal(y["value"]), $"{path}: {w["value"]} 万元 → {y["value"]} 元");
                Assert.Equal(value.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture), y["table"]);
                Assert.Equal(value == 0 ? "0" : value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), y["text"]);
                return;
            case IDictionary<string, object?> w:
                var other = (IDictionary<string, object?>)yuan!;
                Assert.Equal(w.Keys.Order(), other.Keys.Order());
                foreach (var key in w.Keys)
                    Compare(w[key], other[key], $"{path}.{key}", moneyPaths);
                return;
            case IList list when wan is not string:
                var yuanList = (IList)yuan!;
                Assert.Equal(list.Count, yuanList.Count);
                for (var i = 0; i < list.Count; i++)
                    Compare(list[i], yuanList[i], $"{path}[{i}]", moneyPaths);
                return;
            default:
                // A user's text prints its 〔…〕 figures as the report does (in 元 here); the user writes the unit after them.
                if (path.Contains(".paragraphs[", StringComparison.Ordinal))
                    return;
                // Chart points carry a bare value and text: the chart of a 元 report is drawn in 元.
                if (path.EndsWith(".value", StringComparison.Ordinal) && path.Contains(".points[", StringComparison.Ordinal))
                    Assert.Equal(Convert.ToDecimal(wan) * 10000m, Convert.ToDecimal(yuan));
                else if (!(path.EndsWith(".text", StringComparison.Ordinal) && path.Contains(".points[", StringComparison.Ordinal)))
                    Assert.True(Equals(wan, yuan), $"{path}: {wan} ≠ {yuan}");
                return;
        }
    }

    [Fact]
    public void EveryAmountIsItsWanYuanFigureTimesTenThousandAndNothingElseChanges()
    {
        var moneyPaths = new List<string>();
        Compare(Tree("万元"), Tree("元"), "", moneyPaths);
        // The comparison reached the figures of every section, not an empty tree.
        Assert.True(moneyPaths.Count > 200, $"only {moneyPaths.Count} amounts compared");
        Assert.Contains(moneyPaths, p => p == ".income.total.current");
        Assert.Contains(moneyPaths, p => p.StartsWith(".performance.projects[0].funds[", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSentencesOfA元ReportPrintTheConvertedFigures()
    {
        // 收支总计 8012.15 万元 = 80121500.00 元; its rise over 7862.31 万元 is 149.84 万元 = 1498400.00 元, 1.91% either way.
        var stage = ReportPipeline.Calculate(Repo.SampleXlsx, CalculationSettings.Default with { MoneyUnit = "元" });
        var total = stage.Model!.Overview.Total;
        Assert.Equal("80121500.00", total.Current.Text);
        Assert.Equal("80,121,500.00", total.Current.Table);
        Assert.Equal("1498400.00", total.Amount.Text);
        Assert.Equal("1.91", total.Rate!.Text);
    }

    [Fact]
    public void TheUnitHoldsOnlyForItsOwnCalculation()
    {
        using (Round.MoneyIn("元"))
            Assert.Equal("10000.00", Round.Money(1m).Text);
        Assert.Equal("1.00", Round.Money(1m).Text);
        // A sum of figures already in the unit is not converted again.
        using (Round.MoneyIn("元"))
            Assert.Equal("20000.00", Round.Figure(Round.Money(1m).Value + Round.Money(1m).Value).Text);
    }
}
