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

    private const double GapCm = 0.15, CharacterCm = 0.21, PaddingCm = 0.25, LineCm = 0.45;

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
