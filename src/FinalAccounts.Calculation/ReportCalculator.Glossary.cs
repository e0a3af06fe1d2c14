using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>第三部分 名词解释.</summary>
public sealed partial class ReportCalculator
{
    /// <summary>
    /// The entries in the order the sheet lists them, general terms and 科目 interleaved as entered
    /// (references 000 and 001 do): a 类 (3-digit) or 款 (5-digit) code row is an entry of that level;
    /// a 项 (7-digit) code row is printed where it stands when the tables use that 项. Every 项 the tables
    /// use that the sheet does not explain follows at the end, in code order, with a placeholder.
    /// </summary>
    private IReadOnlyList<GlossaryEntry> Glossary()
    {
        var sheet = _w.List(WorkbookLayout.Glossary);
        var termColumn = sheet.ColumnOf("名词或科目代码");
        var textColumn = sheet.ColumnOf("解释");
        static bool IsCode(string term) => term.Length > 0 && term.All(char.IsAsciiDigit);
        var tables = new[] { _w.Tables.Income, _w.Tables.Expenditure, _w.Tables.GeneralBudget, _w.Tables.GovernmentFund, _w.Tables.StateCapital }.OfType<SubjectTable>().ToList();
        string NameOf(string code) => tables.Select(t => t.Find(code)?.Name).FirstOrDefault(n => n is not null) ?? "";
        var used = tables.SelectMany(t => t.RowsAt(SubjectLevel.Item)).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var entries = new List<GlossaryEntry>();
        var explained = new HashSet<string>(StringComparer.Ordinal);

        GlossaryEntry Subject(string code, ListRow? row)
        {
            var explanation = row is not null ? row[textColumn] : "";
            if (explanation.Length == 0)
                explanation = _p.Missing(Phrasing.MissingGlossaryId, $"科目 {code} {NameOf(code)} 没有名词解释。",
                    row?.CellAt(textColumn) ?? new CellRef(sheet.Sheet, 1, 1), $"{code}的名词解释");
            var level = code.Length switch { 3 => "类", 5 => "款", _ => "项" };
            return new GlossaryEntry(entries.Count + 1, NameOf(code), true, code, level, NameOf(code[..3]),
                code.Length >= 5 ? NameOf(code[..5]) : "", code.Length == 7 ? NameOf(code) : "", explanation, row is null);
        }

        foreach (var row in sheet.Rows)
        {
            var term = row[termColumn];
            if (IsCode(term))
            {
                // A 项 the tables do not use has nothing to explain in this report; a code that is no 类/款/项
                // (not 3, 5 or 7 digits) names nothing; a repeated code is explained once.
                if (term.Length is not (3 or 5 or 7))
                {
                    // Said, not silently dropped: the user meant something by it (a mistyped code, or a term written in digits).
                    _p.Warn(Phrasing.GlossaryCodeNotSubjectId, $"名词解释中的“{term}”是纯数字，但不是 3、5 或 7 位的科目代码，未列入报告；"
                        + "请改为科目代码，或写成文字名词。", row.CellAt(termColumn));
                    continue;
                }
                if (term.Length == 7 && !used.Contains(term) || !explained.Add(term))
                    continue;
                entries.Add(Subject(term, row));
                continue;
            }
            entries.Add(new GlossaryEntry(entries.Count + 1, Cell(sheet, row, "名词或科目代码", $"名词解释第{row.SheetRow}行"), false, "", "", "", "", "",
                row[textColumn].Length > 0 ? row[textColumn]
                    : _p.Missing(Phrasing.MissingGlossaryId, $"名词“{term}”没有解释。", row.CellAt(textColumn), $"{term}的名词解释"),
                false));
        }
        foreach (var code in used.Where(c => !explained.Contains(c)).Order(StringComparer.Ordinal))
            entries.Add(Subject(code, null));
        return entries;
    }
}
