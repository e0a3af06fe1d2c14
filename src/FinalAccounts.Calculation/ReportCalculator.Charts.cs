namespace FinalAccounts.Calculation;

/// <summary>图1–图7: the series are the rounded figures the text prints, so chart and sentence agree.</summary>
public sealed partial class ReportCalculator
{
    private ChartsSection Charts(OverviewSection overview, IncomeSection income, ExpenditureSection expenditure, FiscalSection fiscal,
        GeneralBudgetSection general, ThreePublicSection threePublic)
    {
        var year = (int)(_w.KeyValue(FinalAccounts.Model.WorkbookLayout.BasicInfo).Find("决算年度")?.Number ?? 0);
        // A missing figure is left out of the chart, never drawn as 0; the caption names it (MissingLabels).
        Chart YearOnYear(Change change)
        {
            var points = new[] { ($"{year - 1}年", change.Prior), ($"{year}年", change.Current) };
            return new("bar", points.Where(p => !p.Item2.IsMissing).Select(p => new ChartPoint(p.Item1, p.Item2.Value, p.Item2.Text)).ToList())
            {
                MissingLabels = points.Where(p => p.Item2.IsMissing).Select(p => p.Item1).ToList(),
            };
        }
        static Chart Structure(IEnumerable<Share> shares) =>
            new("pie", shares.Where(s => !s.Amount.IsZero).Select(s => new ChartPoint(s.Name, s.Amount.Value, s.Amount.Text) { Percent = s.Percent.Text }).ToList());
        IEnumerable<Share> threePublicShares =
        [
            new(threePublic.Abroad.Name, "", threePublic.Abroad.Actual, threePublic.Abroad.Share),
            new(threePublic.Vehicles.Name, "", threePublic.Vehicles.Actual, threePublic.Vehicles.Share),
            new(threePublic.Reception.Name, "", threePublic.Reception.Actual, threePublic.Reception.Share),
        ];
        Chart[] figures =
        [
            YearOnYear(overview.Total),
            Structure(income.Sources),
            Structure(expenditure.Kinds),
            YearOnYear(fiscal.Total),
            YearOnYear(general.Total),
            Structure(general.Categories),
            Structure(threePublicShares),
        ];
        for (var i = 1; i < figures.Length; i++)
            figures[i] = figures[i] with { SameAsPrevious = figures[i].HasSamePointsAs(figures[i - 1]) };
        return new ChartsSection(figures[0], figures[1], figures[2], figures[3], figures[4], figures[5], figures[6]);
    }
}
