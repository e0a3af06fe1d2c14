using System.Globalization;
using System.Text;
using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>
/// The 文字 sheet's named texts and the 表格… sheets, made printable after every figure is known (a
/// text's 〔…〕 markers print those figures). Whatever the template asks for and the workbook lacks
/// is a placeholder with its finding, never an empty section.
/// </summary>
public sealed partial class ReportCalculator
{
    private ReportModel WithTextsAndTables(ReportModel model, TemplateNeeds needs)
    {
        var sheet = _w.List(WorkbookLayout.NamedTexts);
        int name = sheet.ColumnOf("名称"), project = sheet.ColumnOf("项目名称"), content = sheet.ColumnOf("内容");
        var rows = sheet.Rows.Where(r => r[name].Length > 0).ToList();

        NamedTextView Text(ListRow row) => new(row[name], row[content].Length == 0,
            row[content].Length == 0
                ? [new TextParagraph(_p.Missing(Phrasing.MissingInputId, $"文字“{row[name]}”的“内容”未填写。", row.CellAt(content), $"文字“{row[name]}”"), 0)]
                : TextOutline.Lines(row[content]).Select(line => new TextParagraph(WithFigures(model, line, row.CellAt(content)), TextOutline.LevelOf(line))).ToList());

        List<NamedTextView> TextsOf(string owner, IReadOnlySet<string> needed, string missingWhere)
        {
            var texts = new List<NamedTextView>();
            foreach (var row in rows.Where(r => LabelText.Key(r[project]) == LabelText.Key(owner)))
                if (!texts.Any(t => LabelText.Key(t.Name) == LabelText.Key(row[name])))   // a second row of one name: IN052 from the reader
                    texts.Add(Text(row));
            foreach (var wanted in needed.Where(n => !texts.Any(t => LabelText.Key(t.Name) == LabelText.Key(n))))
                texts.Add(new NamedTextView(wanted, true, [new TextParagraph(_p.Missing(Phrasing.MissingTextId,
                    $"模板引用的文字“{wanted}”{missingWhere}在“{WorkbookLayout.NamedTexts.Name}”表中没有（“名称”列），请补上一行并填写内容。",
                    new CellRef(WorkbookLayout.NamedTexts.Name, 1, 1), $"文字“{wanted}”{missingWhere}", onlyWhenShown: true), 0)]));
            return texts;
        }

        var projects = model.Performance.Projects.Select(p => p with
        {
            Texts = TextsOf(p.Name, needs.ProjectTexts, $"（项目“{p.Name}”）"),
            HasTexts = rows.Any(r => LabelText.Key(r[project]) == LabelText.Key(p.Name)),
        }).ToList();
        var tables = _w.UserTables.Select(UserTableOf).ToList();
        foreach (var wanted in needs.Tables.Where(n => !tables.Any(t => LabelText.Key(t.Name) == LabelText.Key(n))))
            tables.Add(new UserTableView(wanted, "", true, _p.Missing(Phrasing.MissingUserTableId,
                $"模板引用的表格“{wanted}”在工作簿中没有：请加一张名为“{WorkbookLayout.UserTablePrefix}{wanted}”的工作表。",
                null, $"表格“{wanted}”", onlyWhenShown: true), 0, [], []));
        return model with
        {
            HasTextSheet = _w.Lists.ContainsKey(WorkbookLayout.NamedTexts.Name),
            Texts = TextsOf("", needs.Texts, ""),
            UserTables = tables,
            Performance = model.Performance with { Projects = projects },
        };
    }

    /// <summary>Each 〔名称〕 replaced by the figure the report prints; an unknown name is a placeholder and a finding at the text's cell.</summary>
    private string WithFigures(ReportModel model, string line, CellRef cell)
    {
        if (line.IndexOf(TextMarkers.Open) < 0)
            return line;
        var text = new StringBuilder(line.Length);
        var at = 0;
        while (at < line.Length)
        {
            var open = line.IndexOf(TextMarkers.Open, at);
            var close = open < 0 ? -1 : line.IndexOf(TextMarkers.Close, open + 1);
            if (close < 0)
            {
                text.Append(line, at, line.Length - at);
                break;
            }
            text.Append(line, at, open - at);
            var name = line[(open + 1)..close];
            // 〔2018〕 in 川财预〔2018〕10号 is a document number, not a figure: only a name is a marker.
            if (name.Trim().All(char.IsDigit))
            {
                text.Append(line, open, close + 1 - open);
                at = close + 1;
                continue;
            }
            text.Append(TextMarkers.Resolve(model, name) ?? _p.Missing(Phrasing.UnknownMarkerId,
                $"文字中的〔{Printable.Escape(name)}〕不是可用的数字名称（可用的名称和字段见 docs/输入工作簿格式.md“文字”一节）。", cell, $"〔{name}〕"));
            at = close + 1;
        }
        return text.ToString();
    }

    /// <summary>A 表格… sheet as printed: text as typed, numbers in the sheet's unit, blanks blank (never 0).</summary>
    private UserTableView UserTableOf(UserTable table)
    {
        var sheet = table.Sheet;
        if (table.Rows.Count == 0)   // a Word table needs a row: an empty sheet is a table still to fill
            return new UserTableView(table.Name, table.UnitText, true, _p.Missing(Phrasing.MissingUserTableId,
                $"表格“{table.Name}”是空的，请填写。", new CellRef(sheet.Name, 1, 1), $"表格“{table.Name}”"), 0, [], []);
        // 序号, 编码 … columns hold numbers that are no amounts: "1", not "1.00" in a 元 table.
        var rawColumns = Enumerable.Range(1, table.ColumnCount)
            .Where(c => table.Rows.Take(table.HeaderRowCount).Any(r => AppendixBuilder.IsRawHeader(sheet.MergedText(r, c)))).ToHashSet();
        TableRowView Row(int row, bool header) => new(AppendixBuilder.Cells(sheet, row, table.ColumnCount, c =>
        {
            var cell = sheet.Get(row, c);
            if (cell is null)
                return ("", false);
            if (header || cell.Number is not { } n || rawColumns.Contains(c))
                return (cell.Text.Trim(), false);
            return (NumberText((decimal)n, cell.Text, table.Unit), true);
        }));
        var rows = table.Rows.Select((r, i) => Row(r, i < table.HeaderRowCount)).ToList();
        return new UserTableView(table.Name, table.UnitText, false, "", table.ColumnCount,
            rows.Take(table.HeaderRowCount).ToList(), rows.Skip(table.HeaderRowCount).ToList());
    }

    /// <summary>元 and 万元 as the 附表 print money (7,413.59, rounded once, never converted); 分 without trailing zeros; % with two decimals; otherwise as entered.</summary>
    private static string NumberText(decimal number, string entered, UserTableUnit unit) => unit switch
    {
        UserTableUnit.Yuan or UserTableUnit.TenThousandYuan => Round.TableOf(Round.Half(number)),
        UserTableUnit.Points => Round.Half(number).ToString("0.##", CultureInfo.InvariantCulture),
        UserTableUnit.Percent => Round.Half(number).ToString("0.00", CultureInfo.InvariantCulture),
        _ => entered.Trim(),
    };
}
