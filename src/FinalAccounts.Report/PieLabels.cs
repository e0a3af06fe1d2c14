using System.Globalization;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace FinalAccounts.Report;

/// <summary>
/// Where a pie's share labels go so that the labels of thin neighbouring slices (0.48% beside 0.15%)
/// do not print over each other. Each label sits outside its slice (outEnd); going round the pie
/// clockwise from 12 o'clock, a label that would overlap one already placed is slid further clockwise
/// along the circle until it is clear, and drawn there with a leader line. The result is each label's
/// offset from its usual place as fractions of the chart's width and height (a data label's manual
/// layout in Word and LibreOffice); zero for labels that stay where they are.
/// </summary>
public static class PieLabels
{
    /// <summary>The pie's radius as a share of the chart's height (as LibreOffice and Word size a pie beside a right-hand legend).</summary>
    private const double RadiusOfHeight = 0.38;

    private const double GapCm = 0.15, CharacterCm = 0.24, PaddingCm = 0.3, LineCm = 0.55;

    internal const double EmuPerCm = 360_000;

    /// <summary>Sets the place of each pie label of the chart for its size; false when the chart has no pie labels.</summary>
    public static bool Place(C.ChartSpace chart, long widthEmu, long heightEmu)
    {
        var series = chart.Descendants<C.PieChart>().SelectMany(p => p.Elements<C.PieChartSeries>()).FirstOrDefault();
        var labels = series?.GetFirstChild<C.DataLabels>()?.Elements<C.DataLabel>().ToList();
        if (series is null || labels is null || labels.Count == 0)
            return false;
        var values = series.Descendants<C.NumericPoint>().OrderBy(p => p.Index!.Value)
            .Select(p => decimal.Parse(p.NumericValue!.Text, NumberStyles.Number, CultureInfo.InvariantCulture)).ToList();
        var texts = values.Select((_, i) => labels.FirstOrDefault(l => l.Index?.Val?.Value == i)?.InnerText ?? "").ToList();
        var offsets = Offsets(values, texts, widthEmu / EmuPerCm, heightEmu / EmuPerCm);
        foreach (var label in labels)
        {
            var (x, y) = offsets[(int)label.Index!.Val!.Value];
            label.GetFirstChild<C.Layout>()?.Remove();
            label.InsertAfter((x, y) == (0, 0) ? new C.Layout() : new C.Layout(new C.ManualLayout(new C.Left { Val = x }, new C.Top { Val = y })), label.Index);
        }
        return true;
    }

    public static IReadOnlyList<(double X, double Y)> Offsets(IReadOnlyList<decimal> values, IReadOnlyList<string> labels, double widthCm, double heightCm)
    {
        var total = values.Sum();
        var offsets = new (double X, double Y)[values.Count];
        if (total <= 0)
            return offsets;
        var radius = RadiusOfHeight * heightCm + GapCm;
        var placed = new List<(double X, double Y, double W, double H)>();
        var start = 0m;
        for (var i = 0; i < values.Count; i++)
        {
            var middle = (double)((start + values[i] / 2) / total) * 2 * Math.PI;   // clockwise from 12 o'clock
            start += values[i];
            var (w, h) = (labels[i].Length * CharacterCm + PaddingCm, LineCm);
            var natural = Centre(middle, radius, w, h);
            var (angle, centre) = (middle, natural);
            // Slide clockwise in small steps, at most a quarter turn, until clear of every label placed before.
            for (var step = 0; step < 90 && placed.Any(p => Overlap(p, (centre.X, centre.Y, w, h))); step++)
            {
                angle += Math.PI / 180;
                centre = Centre(angle, radius + 0.2, w, h);
            }
            placed.Add((centre.X, centre.Y, w, h));
            offsets[i] = centre == natural ? (0, 0) : ((centre.X - natural.X) / widthCm, (centre.Y - natural.Y) / heightCm);
        }
        return offsets;
    }

    /// <summary>A label's centre (cm from the pie's centre, y down) when its box just clears the circle at the angle.</summary>
    private static (double X, double Y) Centre(double angle, double radius, double w, double h)
    {
        var (ux, uy) = (Math.Sin(angle), -Math.Cos(angle));
        return (radius * ux + ux * w / 2, radius * uy + uy * h / 2);
    }

    private static bool Overlap((double X, double Y, double W, double H) a, (double X, double Y, double W, double H) b) =>
        Math.Abs(a.X - b.X) < (a.W + b.W) / 2 && Math.Abs(a.Y - b.Y) < (a.H + b.H) / 2;
}
