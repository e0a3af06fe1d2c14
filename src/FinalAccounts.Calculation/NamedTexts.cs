namespace FinalAccounts.Calculation;

/// <summary>One named text of the 文字 sheet, split into the paragraphs the report prints.</summary>
/// <param name="Name">名称（“文字”表的“名称”列）</param>
/// <param name="IsMissing">工作簿中没有这段文字（Paragraphs 只有一段待填写标记）</param>
/// <param name="Paragraphs">各段（每段一项）</param>
public sealed record NamedTextView(string Name, bool IsMissing, IReadOnlyList<TextParagraph> Paragraphs);

/// <summary>A paragraph of a named text, its figure markers already replaced by the report's figures.</summary>
/// <param name="Text">段落文字（〔…〕标记已换成数字）</param>
/// <param name="Level">提纲级别：1 为“一、”，2 为“（一）”，3 为“1.”，4 为“（1）”，0 为正文</param>
public sealed record TextParagraph(string Text, int Level);

/// <summary>A user table (a 表格… sheet) as printed: cells as entered, numbers in the sheet's own unit.</summary>
/// <param name="Name">名称（工作表名去掉“表格”）</param>
/// <param name="Unit">单位（表格第一行“单位：…”所写，未写为空）</param>
/// <param name="IsMissing">工作簿中没有这张表格（Missing 为待填写标记）</param>
/// <param name="Missing">没有这张表格时的待填写标记，否则为空</param>
/// <param name="ColumnCount">列数</param>
/// <param name="HeaderRows">表头行（第一行及其合并单元格所及的行）</param>
/// <param name="Rows">其余各行</param>
public sealed record UserTableView(string Name, string Unit, bool IsMissing, string Missing, int ColumnCount,
    IReadOnlyList<TableRowView> HeaderRows, IReadOnlyList<TableRowView> Rows);

/// <summary>
/// The named texts and user tables the template asks for (the names in its {{text}} and {{userTable}}
/// tags): one the workbook lacks gets its placeholder and its finding here, like any other blank input.
/// </summary>
public sealed record TemplateNeeds(IReadOnlySet<string> Texts, IReadOnlySet<string> ProjectTexts, IReadOnlySet<string> Tables)
{
    public static TemplateNeeds None { get; } = new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
}
