using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using DocxTemplating;

namespace FinalAccounts.Report;

/// <summary>
/// {{userTable "评分表"}}: a 表格… sheet as a Word table, built like a 附表 (merged cells kept, header rows
/// repeated, styles 附表表头/附表文字/附表数字); a table the workbook lacks is its placeholder, in the tag's paragraph style.
/// </summary>
public static class UserTableBuilder
{
    private static readonly ArgumentShape RowShape = ArgumentShape.Object(("cells", ArgumentShape.ListOf(ArgumentShape.Object(("text", ArgumentShape.Value)))));

    public static ElementHelperModule Module { get; } = new(
        ArgumentShape.ListOf(ArgumentShape.Object(("name", ArgumentShape.Value), ("missing", ArgumentShape.Value), ("columnCount", ArgumentShape.Value),
            ("headerRows", ArgumentShape.ListOf(RowShape)), ("rows", ArgumentShape.ListOf(RowShape)))),
        "工作簿中的一张表格（名称以“表格”开头的工作表）：{{userTable \"名称\"}}", Build)
    {
        DefaultArgument = "userTables",
        NeedsLabel = true,
    };

    public static IEnumerable<OpenXmlElement> Build(object? argument, string? label, RenderServices services)
    {
        var table = NamedTextBuilder.Named(argument, label, "表格");
        if (table.Field("missing") is string { Length: > 0 } missing)
            return [NamedTextBuilder.Paragraph(missing, 0, services.TagParagraph, new HashSet<string>())];
        return PublicTableBuilder.Build(table, services, byContent: true);
    }
}
