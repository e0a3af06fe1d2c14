using System.Diagnostics;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// A PDF's pages as small grey images, and the comparison of two page images with a tolerance.
/// </summary>
public static class PageImages
{
    /// <summary>40 dpi: an A4 page is 331×468 pixels — a body text size or a margin change moves whole lines, a few KB a page.</summary>
    public const int Resolution = 40;

    /// <summary>
    /// A pixel counts as changed when its grey differs by more than this. LibreOffice 7.4 with pdftoppm
    /// rendered the sample identically in repeated runs (every pixel equal), so this only has to absorb
    /// anti-aliasing noise between machines with the same fonts; a chart colour change moves the grey of
    /// every bar pixel by far more.
    /// </summary>
    public const int GreyTolerance = 24;

    /// <summary>A page changed when more than this share of its pixels changed (0.05 % ≈ 77 pixels of an A4 page: a word).</summary>
    public const double PixelShareTolerance = 0.0005;

    /// <summary>The PDF's pages rendered with pdftoppm -gray at <see cref="Resolution"/> dpi, in 16 grey levels.</summary>
    public static IReadOnlyList<GreyImage> Render(string pdf)
    {
        var folder = Path.Combine(Path.GetDirectoryName(pdf)!, Path.GetFileNameWithoutExtension(pdf) + "-pages");
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("pdftoppm") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "-r", Resolution.ToString(), "-gray", pdf, Path.Combine(folder, "p") })
            start.ArgumentList.Add(argument);
        using (var process = Process.Start(start)!)
        {
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdftoppm failed on {pdf}: {error}");
        }
        // pdftoppm numbers the pages with as many digits as the last page needs: p-1.pgm or p-01.pgm.
        return Directory.GetFiles(folder, "p-*.pgm").OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[2..]))
            .Select(f => GreyImage.ReadPgm(f).Quantised()).ToList();
    }

    /// <summary>The share of pixels that differ beyond the grey tolerance (1 when the sizes differ).</summary>
    public static double ChangedShare(GreyImage approved, GreyImage received)
    {
        if (approved.Width != received.Width || approved.Height != received.Height)
            return 1;
        var changed = 0;
        for (var i = 0; i < approved.Pixels.Length; i++)
            if (Math.Abs(approved.Pixels[i] - received.Pixels[i]) > GreyTolerance)
                changed++;
        return (double)changed / approved.Pixels.Length;
    }

    /// <summary>
    /// Approved | received | difference side by side, for the reviewer: the difference panel shows both
    /// pages faintly and every changed pixel black. A missing page is a blank panel.
    /// </summary>
    public static GreyImage DiffImage(GreyImage? approved, GreyImage? received)
    {
        if (approved is null && received is null)
            throw new ArgumentException("no page to compare");
        var (w, h) = (Math.Max(approved?.Width ?? 0, received?.Width ?? 0), Math.Max(approved?.Height ?? 0, received?.Height ?? 0));
        const int gap = 6;
        var pixels = new byte[(w * 3 + gap * 2) * h];
        Array.Fill(pixels, (byte)128);
        var width = w * 3 + gap * 2;
        static byte At(GreyImage? image, int x, int y) => image is not null && x < image.Width && y < image.Height ? image[x, y] : (byte)255;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var (a, r) = (At(approved, x, y), At(received, x, y));
                pixels[y * width + x] = a;
                pixels[y * width + w + gap + x] = r;
                pixels[y * width + 2 * (w + gap) + x] = Math.Abs(a - r) > GreyTolerance ? (byte)0 : (byte)(255 - (510 - a - r) / 8);
            }
        return new GreyImage(width, h, pixels);
    }
}
