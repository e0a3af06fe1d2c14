using DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Report;

/// <summary>
/// The properties a paragraph, run or table cell holds, for the finishers that ask every paragraph or cell of a report.
/// The schema puts them first (and a paragraph's style first in its properties), so the first child is looked at before
/// searching: the SDK's typed properties (<c>paragraph.ParagraphProperties</c>) look the child up through the schema's
/// metadata each time, which made these questions a visible share of writing a report.
/// </summary>
internal static class LeadingProperties
{
    public static ParagraphProperties? Of(Paragraph paragraph) =>
        paragraph.FirstChild as ParagraphProperties ?? paragraph.GetFirstChild<ParagraphProperties>();

    public static RunProperties? Of(Run run) => run.FirstChild as RunProperties ?? run.GetFirstChild<RunProperties>();

    public static TableCellProperties? Of(TableCell cell) => cell.FirstChild as TableCellProperties ?? cell.GetFirstChild<TableCellProperties>();

    /// <summary>The paragraph's style id (w:pStyle), null when it has none.</summary>
    public static string? StyleId(Paragraph paragraph) =>
        Of(paragraph) is { } properties ? (properties.FirstChild as ParagraphStyleId ?? properties.GetFirstChild<ParagraphStyleId>())?.Val?.Value : null;
}
