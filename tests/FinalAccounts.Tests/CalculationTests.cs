using FinalAccounts.Calculation;
using FinalAccounts.Checks;
using FinalAccounts.Input;
using FinalAccounts.Model;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>The phrase choices, table-driven: sign, zero, base zero, band edges, budget zero, both budget bases.</summary>
public class PhraseChoiceTests
{
    private static Phrasing Phrasing(CalculationSettings? settings = null) => new(settings ?? CalculationSettings.Default, []);

    private static Money M(decimal value) => Round.Money(value);

    private static Reason Required(bool required) => new("", false, false, required, "");

    [Theory]
    //          current  prior    direction trend  amount    rate     baseZero
    [InlineData("7413.59", "9154.24", "减少", "下降", "1740.65", "19.01", false)]   // 渠县 2022: the report printed 18.3%
    [InlineData("1963.40", "1649.06", "增加", "增长", "314.34", "19.06", false)]    // 盐边 2020
    [InlineData("100.00", "100.00", "持平", "持平", "0", "0", false)]
    [InlineData("12.50", "0", "增加", "增长", "12.50", null, true)]
    [InlineData("0", "0", "持平", "持平", "0", null, true)]
    [InlineData("0", "8.00", "减少", "下降", "8.00", "100.00", false)]
    [InlineData("1.005", "1.00", "增加", "增长", "0.01", "1.00", false)]             // half-up once: 1.005 → 1.01
    public void ChangeFollowsTheSign(string current, string prior, string direction, string trend, string amount, string? rate, bool baseIsZero)
    {
        var change = Phrasing().Change(M(decimal.Parse(current)), M(decimal.Parse(prior)), "x", Required);
        Assert.Equal(direction, change.Direction);
        Assert.Equal(trend, change.Trend);
        Assert.Equal(amount, change.Amount.Text);
        Assert.Equal(rate, change.Rate?.Text);
        Assert.Equal(baseIsZero, change.BaseIsZero);
        Assert.Equal(rate is not null, change.HasRate);
        Assert.DoesNotContain("-", change.Amount.Text);
    }

    [Theory]
    //          actual   budget  band  vsBudget    rate
    [InlineData("100.00", "100.00", "0", "等于", "100.00")]
    [InlineData("99.00", "100.00", "0", "小于", "99.00")]
    [InlineData("101.00", "100.00", "0", "大于", "101.00")]
    [InlineData("99.00", "100.00", "1", "基本持平", "99.00")]        // exactly on the band edge: inside
    [InlineData("98.99", "100.00", "1", "小于", "98.99")]            // just outside
    [InlineData("101.00", "100.00", "1", "基本持平", "101.00")]
    [InlineData("1.31", "0", "5", "大于", null)]                     // 渠县: money spent against a zero budget has no rate
    [InlineData("0", "0", "0", "等于", null)]
    public void CompletionAgainstBudget(string actual, string budget, string band, string vsBudget, string? rate)
    {
        var settings = CalculationSettings.Default with { RoughlyEqualBandPercent = decimal.Parse(band) };
        var completion = Phrasing(settings).Completion(M(decimal.Parse(actual)), M(decimal.Parse(budget)), "x", Required);
        Assert.Equal(vsBudget, completion.VsBudget);
        Assert.Equal(rate, completion.Rate?.Text);
        Assert.Equal(decimal.Parse(budget) == 0, completion.BudgetIsZero);
        Assert.Equal(vsBudget is "大于" or "小于", completion.Reason.IsRequired);
    }

    [Theory]
    [InlineData("0", "10.00", "10.50", true)]
    [InlineData("10", "10.00", "11.00", false)]      // exactly 10% is not above 10%
    [InlineData("10", "10.00", "11.01", true)]
    [InlineData("10", "10.00", "10.00", false)]
    public void ReasonRequiredAboveThreshold(string threshold, string prior, string current, bool required)
    {
        var settings = CalculationSettings.Default with { ReasonRequiredAbovePercent = decimal.Parse(threshold) };
        var change = Phrasing(settings).Change(M(decimal.Parse(current)), M(decimal.Parse(prior)), "x", Required);
        Assert.Equal(required, change.Reason.IsRequired);
    }

    [Fact]
    public void MissingRequiredReasonIsAVisiblePlaceholderAndAWarningAtItsCell()
    {
        var warnings = new List<Diagnostic>();
        var phrasing = new Phrasing(CalculationSettings.Default, warnings);
        var sheet = new KeyValueSheet("变动原因", [new KeyValueEntry("收支总计变动原因", "", new CellRef("变动原因", 2, 2))]);
        var change = phrasing.Change(M(10), M(5), "收支总计", required => phrasing.Reason(sheet, "收支总计变动原因", required));
        Assert.Equal("【待填写：收支总计变动原因】", change.Reason.Text);
        Assert.True(change.Reason.IsMissing);
        var warning = Assert.Single(warnings);
        Assert.Equal(("CALC001", "变动原因!B2"), (warning.Id, warning.Location!.ToString()));
    }

    [Fact]
    public void MissingPriorYearFigureIsAPlaceholderNotZero()
    {
        var phrasing = Phrasing();
        var prior = phrasing.MissingMoney(FinalAccounts.Calculation.Phrasing.MissingPriorId, "缺少上年数“收支总计”。", new CellRef("上年数", 2, 2), "上年收支总计");
        var change = phrasing.Change(M(10), prior, "收支总计", Required);
        Assert.True(change.PriorIsMissing);
        Assert.True(change.IsMissing);
        Assert.False(change.HasRate);
        Assert.False(change.IsFlat);
        // No direction word and no second copy of the placeholder: the template prints prior.text once.
        Assert.Equal("", change.Direction);
        Assert.Equal("【待填写：上年收支总计】", change.Prior.Text);
        Assert.True(change.Prior.IsMissing);
        var mark = Assert.Single(phrasing.Marks);
        Assert.Equal(("【待填写：上年收支总计】", "上年数!B2"), (mark.Placeholder, mark.Finding.Location!.ToString()));
    }
}

public class ShareTests
{
    [Fact]
    public void YanbianIncomeSharesAddUpWhereThePublishedOnesDidNot()
    {
        // 盐边 2020 printed 98.41% and 1.59%; the exact shares are 98.4003% and 1.5997%.
        Assert.Equal([98.40m, 1.60m], Shares.Of([1963.40m, 31.92m]));
    }

    [Fact]
    public void YanbianCategorySharesAreAdjustedToExactlyOneHundred()
    {
        // Rounded one by one these are 0.95 + 86.79 + 11.13 + 1.14 = 100.01; the published 0.94/86.78/11.12/1.14 made 99.98.
        // Floors 0.94, 86.78, 11.12, 1.14 leave 0.02: the largest remainders (11.127…, 0.945…) get them.
        Assert.Equal([0.95m, 86.78m, 11.13m, 1.14m], Shares.Of([18.57m, 1703.95m, 218.47m, 22.41m]));
    }

    [Fact]
    public void SharesOfAnyRandomSplitAddUpToExactlyOneHundred()
    {
        var random = new Random(20241122);
        for (var trial = 0; trial < 2000; trial++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(0, 5) == 0 ? 0m : random.Next(1, 10_000_000) / 100m).ToList();
            if (parts.Sum() == 0)
                continue;
            var shares = Shares.Of(parts);
            Assert.Equal(100.00m, shares.Sum());
            for (var i = 0; i < parts.Count; i++)
            {
                var exact = parts[i] / parts.Sum() * 100m;
                Assert.True(Math.Abs(shares[i] - exact) < 0.01m, $"share {shares[i]} strays from {exact}");
                Assert.Equal(shares[i], Math.Round(shares[i], 2));
            }
        }
    }

    [Fact]
    public void ZeroWholeGivesZeroShares()
    {
        Assert.Equal([0m, 0m], Shares.Of([0m, 0m]));
    }
}

public class SampleCalculationTests
{
    private static CalculationResult Calculate()
    {
        var read = WorkbookReader.Read(Repo.SampleXlsx);
        Assert.Empty(WorkbookChecks.Run(read.Workbook!));
        return ReportCalculator.Calculate(read.Workbook!, CalculationSettings.Default);
    }

    [Fact]
    public void SampleViewModelMatchesTheReviewedSnapshot()
    {
        var result = Calculate();
        Snapshot.Verify("sample", "viewmodel", string.Join("\n", ModelTrace.Lines(result.Model)) + "\n");
    }

    [Fact]
    public void SampleHasNoCalculationWarnings()
    {
        Assert.Empty(Calculate().Warnings.Select(w => w.Format("sample")));
    }

    [Fact]
    public void EveryShareListOfTheSampleAddsUpToOneHundred()
    {
        var m = Calculate().Model;
        foreach (var shares in new[] { m.Income.Sources, m.Expenditure.Kinds, m.GeneralBudget.Categories, m.Fiscal.IncomeFunds, m.Fiscal.ExpenditureFunds })
            Assert.Equal(100.00m, shares.Sum(s => s.Percent.Value));
    }

    [Fact]
    public void TextChartsAndTablesShareOneRoundedFigure()
    {
        var m = Calculate().Model;
        Assert.Equal(m.Overview.Total.Current.Value, m.Charts.TotalChange.Points[1].Value);
        Assert.Equal(m.GeneralBudget.Categories.Select(c => c.Amount.Value), m.Charts.GeneralBudgetStructure.Points.Select(p => p.Value));
        Assert.Equal(m.Overview.Total.Current.Text, m.Charts.TotalChange.Points[1].Text);
    }

    [Fact]
    public void ZeroItemsAreNeverListedUnderMainlyIncludes()
    {
        var m = Calculate().Model;
        Assert.All(m.Basic.PersonnelItems.Concat(m.Basic.PublicItems), i => Assert.False(i.Amount.IsZero));
        Assert.DoesNotContain("债务利息及费用支出", m.Basic.PublicNames);
    }

    [Fact]
    public void StateCapitalIsTheNoneCase()
    {
        var m = Calculate().Model;
        Assert.False(m.StateCapital.HasData);
        Assert.True(m.GovernmentFund.HasData);
        Assert.Equal("480.00", m.GovernmentFund.Total.Text);
    }
}

/// <summary>五(三)'s opening sentence: the 一般公共预算 total against the sum of the 项' budgets (reference 000: "完成预算100%").</summary>
public class OverallCompletionTests
{
    [Fact]
    public void TheTotalIsComparedWithTheSumOfTheItemsBudgetsAndAMissingBudgetLeavesItAPlaceholder()
    {
        var model = Generator.Cli.ReportPipeline.Calculate(Repo.SampleXlsx, CalculationSettings.Default).Model!;
        var completion = model.GeneralBudget.Completion;
        // The sample's 调整预算数 of the twelve 项 with 一般公共预算 spending, summed by hand:
        // 186.42 + 74.57 + 68.35 + 31.20 + 1190.00 + 642.18 + 240.00 + 160.00 + 1900.00 + 312.40 + 2480.00 + 112.64 = 7397.76.
        Assert.Equal(7397.76m, completion.Budget.Value);
        Assert.Equal(model.GeneralBudget.Total.Current.Value, completion.Actual.Value);
        Assert.Equal(7218.00m, completion.Actual.Value);
        Assert.Equal(97.57m, completion.Rate!.Value);   // 7218.00 ÷ 7397.76 = 0.975701…
        Assert.True(completion.HasRate);

        using var temp = new TempFolder();
        var editor = WorkbookEditor.Load(Repo.SampleXlsx);
        var row = WorkbookEditor.Parse(editor.Find("项目预算", "2130101")).Row;
        var workbook = editor.Set("项目预算", $"D{row}", null).Save(temp.File("no-budget.xlsx"));
        var without = Generator.Cli.ReportPipeline.Calculate(workbook, CalculationSettings.Default).Model!.GeneralBudget.Completion;
        Assert.True(without.BudgetIsMissing);
        Assert.False(without.HasRate);
        Assert.StartsWith("【待填写：", without.Budget.Text);
    }
}
