using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>The reader's answer: the model (null only when the file could not be read at all) and every finding.</summary>
public sealed record ReadResult(FinalAccountsWorkbook? Workbook, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Reads a 决算 workbook (.xlsx or .xls) into the model: public tables recognised by their titles
/// wherever they are in the workbook, supplementary sheets by their names.
/// </summary>
public static class WorkbookReader
{
    /// <summary>07 and 08 are often empty and some units leave their sheets out; the rest are required.</summary>
    private static readonly PublicTableKind[] OptionalTables = [PublicTableKind.GovernmentFund, PublicTableKind.StateCapital];

    public static ReadResult Read(string path)
    {
        var (sheets, problem, findings) = ExcelGridReader.ReadWithFindings(path);
        if (problem is not null)
            return new ReadResult(null, [.. findings, problem]);
        var read = Read(Path.GetFileName(path), sheets);
        return findings.Count == 0 ? read : read with { Diagnostics = [.. findings, .. read.Diagnostics] };
    }

    public static ReadResult Read(string fileName, IReadOnlyList<RawSheet> sheets)
    {
        var diagnostics = new List<Diagnostic>();
        var keyValues = new Dictionary<string, KeyValueSheet>();
        var lists = new Dictionary<string, ListSheet>();
        var tables = new Dictionary<PublicTableKind, (TableInfo Info, RawSheet Sheet)>();
        var order = new List<TableInfo>();
        var byKey = new Dictionary<string, RawSheet>();

        foreach (var sheet in sheets)
        {
            diagnostics.AddRange(sheet.ReadFindings);
            // Names that differ only in spaces or full-width/half-width characters look the same to a
            // reader of the report; neither may silently win.
            if (byKey.TryGetValue(LabelText.Key(sheet.Name), out var same))
            {
                diagnostics.Add(InputIds.Error(InputIds.SheetNamesClash,
                    $"工作表“{Printable.Escape(sheet.Name)}”（第{Position(sheet)}张）与“{Printable.Escape(same.Name)}”（第{Position(same)}张）的名称只差空格或全角、半角，"
                    + "会被当成同一张表，请删除多余的一张或改名。", new CellRef(sheet.Name, 1, 1), [new CellRef(same.Name, 1, 1)]));
                continue;
            }
            byKey[LabelText.Key(sheet.Name)] = sheet;
            var spec = WorkbookLayout.Supplements.FirstOrDefault(s => LabelText.Key(s.Name) == LabelText.Key(sheet.Name));
            if (spec is not null)
            {
                if (spec.IsList)
                    lists[spec.Name] = SupplementParser.ReadList(sheet, spec, diagnostics);
                else
                    keyValues[spec.Name] = SupplementParser.ReadKeyValues(sheet, spec, diagnostics);
                continue;
            }
            if (LabelText.Key(sheet.Name) == WorkbookLayout.Instructions)
                continue;
            var info = TableRecognizer.Recognise(sheet, diagnostics);
            if (info is null)
                continue;
            order.Add(info);
            if (info.Kind == PublicTableKind.Other)
                continue;
            if (tables.TryGetValue(info.Kind, out var first))
            {
                diagnostics.Add(InputIds.Error(InputIds.TableDuplicated,
                    $"工作表“{sheet.Name}”与“{first.Sheet.Name}”是同一张表（{info.Title}），请删除多余的一张。", new CellRef(sheet.Name, 1, 1)));
                continue;
            }
            tables[info.Kind] = (info, sheet);
        }

        foreach (var kind in Enum.GetValues<PublicTableKind>().Where(k => k != PublicTableKind.Other && !tables.ContainsKey(k)))
        {
            var message = $"工作簿中找不到{KindTitle(kind)}，请从决算系统导出后放入本工作簿（按表头标题识别，工作表名称不限）。";
            diagnostics.Add(OptionalTables.Contains(kind)
                ? InputIds.Warning(InputIds.TableMissing, message + "现按本表无数据处理。")
                : InputIds.Error(InputIds.TableMissing, message));
        }
        foreach (var spec in WorkbookLayout.Supplements.Where(s => !keyValues.ContainsKey(s.Name) && !lists.ContainsKey(s.Name)))
        {
            var message = $"缺少补充信息工作表“{spec.Name}”（{spec.Purpose}）。可用 generator init 生成带全部工作表的空白工作簿。";
            diagnostics.Add(spec == WorkbookLayout.BasicInfo ? InputIds.Error(InputIds.SheetMissing, message) : InputIds.Warning(InputIds.SheetMissing, message));
        }

        T? Parse<T>(PublicTableKind kind, Func<RawSheet, TableInfo, List<Diagnostic>, T?> parse) where T : class =>
            tables.TryGetValue(kind, out var t) ? parse(t.Sheet, t.Info, diagnostics) : null;

        var publicTables = new PublicTables(
            Parse(PublicTableKind.IncomeExpenditureSummary, TwoSidedTableParser.Parse),
            Parse(PublicTableKind.Income, SubjectTableParser.Parse),
            Parse(PublicTableKind.Expenditure, SubjectTableParser.Parse),
            Parse(PublicTableKind.FiscalSummary, TwoSidedTableParser.Parse),
            Parse(PublicTableKind.GeneralBudgetExpenditure, SubjectTableParser.Parse),
            Parse(PublicTableKind.GeneralBudgetBasicDetail, EconomicDetailParser.Parse),
            Parse(PublicTableKind.GovernmentFund, SubjectTableParser.Parse),
            Parse(PublicTableKind.StateCapital, SubjectTableParser.Parse),
            Parse(PublicTableKind.ThreePublic, ThreePublicParser.Parse));

        int Position(RawSheet sheet) => sheets.ToList().IndexOf(sheet) + 1;

        var workbook = new FinalAccountsWorkbook(fileName, publicTables, order, keyValues, lists, sheets);
        return new ReadResult(workbook, diagnostics);
    }

    public static string KindTitle(PublicTableKind kind) => kind switch
    {
        PublicTableKind.IncomeExpenditureSummary => "收入支出决算总表",
        PublicTableKind.Income => "收入决算表",
        PublicTableKind.Expenditure => "支出决算表",
        PublicTableKind.FiscalSummary => "财政拨款收入支出决算总表",
        PublicTableKind.GeneralBudgetExpenditure => "一般公共预算财政拨款支出决算表",
        PublicTableKind.GeneralBudgetBasicDetail => "一般公共预算财政拨款基本支出决算明细表",
        PublicTableKind.GovernmentFund => "政府性基金预算财政拨款收入支出决算表",
        PublicTableKind.StateCapital => "国有资本经营预算财政拨款支出决算表",
        PublicTableKind.ThreePublic => "财政拨款“三公”经费支出决算表",
        _ => "其他表",
    };
}
