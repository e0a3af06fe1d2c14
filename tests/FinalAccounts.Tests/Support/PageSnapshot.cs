using System.Globalization;
using System.Text;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// The approved page images of a report (Snapshots/pages/REPORT/p01.png …, grey, 40 dpi) against its
/// PDF now: a page count change fails, and so does any page with more changed pixels than the
/// tolerance (<see cref="PageImages"/>); each failing page gets approved | received | difference as
/// review/REPORT/pNN.png, linked from the review summary.
/// </summary>
public static class PageSnapshot
{
    public static string Folder(string report) => Path.Combine(Snapshot.Folder, "pages", report);

    public static void Verify(string report, string pdf)
    {
        var received = PageImages.Render(pdf);
        var folder = Folder(report);
        if (Snapshot.Approving)
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            for (var i = 0; i < received.Count; i++)
                File.WriteAllBytes(Path.Combine(folder, PageFile(i)), received[i].ToPng());
            Review.Pass(report, "pages");
            return;
        }
        // In page order: p100 comes after p99 (not after p10, as the names sort).
        var approved = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "p*.png").OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[1..], System.Globalization.CultureInfo.InvariantCulture)).Select(f => GreyImage.ReadPng(File.ReadAllBytes(f))).ToList()
            : [];
        var changed = new List<(int Page, double Share)>();
        for (var i = 0; i < Math.Max(approved.Count, received.Count); i++)
        {
            var share = i < approved.Count && i < received.Count ? PageImages.ChangedShare(approved[i], received[i]) : 1;
            if (share > PageImages.PixelShareTolerance)
                changed.Add((i, share));
        }
        if (changed.Count == 0 && approved.Count == received.Count)
        {
            Review.Pass(report, "pages");
            return;
        }
        var images = Review.ImageFolder(report);
        if (Directory.Exists(images))
            Directory.Delete(images, recursive: true);
        Directory.CreateDirectory(images);
        var body = new StringBuilder();
        body.Append($"Approved {approved.Count} page(s), now {received.Count}. Per page the share of pixels changed, linked to its image: approved | now | changed pixels in black" +
                    $" (a pixel changed: grey differs by more than {PageImages.GreyTolerance}/255; a page changed: more than {PageImages.PixelShareTolerance:P2} of its pixels).\n\n");
        var links = new List<string>();
        foreach (var (page, share) in changed)
        {
            var name = PageFile(page);
            File.WriteAllBytes(Path.Combine(images, name), PageImages.DiffImage(page < approved.Count ? approved[page] : null, page < received.Count ? received[page] : null).ToPng());
            var what = page >= approved.Count ? "new page" : page >= received.Count ? "page gone" : share.ToString("P1", CultureInfo.InvariantCulture);
            links.Add($"[p{page + 1}]({report}/{name}) {what}");
        }
        body.Append(string.Join(" · ", links)).Append('\n');
        var headline = (approved.Count != received.Count ? $"{approved.Count} → {received.Count} pages; " : "") +
                       $"{changed.Count} page(s) changed: {Ranges(changed.Select(c => c.Page + 1))}";
        Review.Fail(report, "pages", headline, body.ToString());
        Assert.Fail($"Pages of {report} changed ({headline}); review {Review.SummaryPath} and the images in {images}.");
    }

    private static string PageFile(int index) => $"p{index + 1:00}.png";

    /// <summary>"3–7, 9, 12–30".</summary>
    private static string Ranges(IEnumerable<int> pages)
    {
        var ranges = new List<string>();
        foreach (var page in pages)
            if (ranges.Count > 0 && ranges[^1].Split('–')[^1] == (page - 1).ToString(CultureInfo.InvariantCulture))
                ranges[^1] = $"{ranges[^1].Split('–')[0]}–{page}";
            else
                ranges.Add(page.ToString(CultureInfo.InvariantCulture));
        return string.Join(", ", ranges);
    }
}
