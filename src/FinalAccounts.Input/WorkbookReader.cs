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
    /// <summary>07 and 08 are often empty and some units leave their sheets out; the rest of the national nine are required.</summary>
    private static readonly PublicTableKind[] OptionalTables = [PublicTableKind.GovernmentFund, PublicTableKind.StateCapital];

    /// <param name="spareCore">Whether reading may take a second core (<see cref="ExcelGridReader.ReadWithFindings"/>).</param>
    public static ReadResult Read(string path, bool spareCore = false)
    {
        var (sheets, problem, findings) = ExcelGridReader.ReadWithFindings(path, spareCore);
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
        var recognised = new List<(TableInfo Info, RawSheet Sheet)>();
        var byKey = new Dictionary<string, RawSheet>();
        var userTables = new List<UserTable>();

        foreach (var sheet in sheets)
        {
            diagnostics.AddRange(sheet.ReadFindings);
            // Names that differ only in spaces or full-width/half-width characters look the same to a
            // reader of the report; neither may silently win.
            var sheetKey = LabelText.Key(sheet.Name);
            if (byKey.TryGetValue(sheetKey, out var same))
            {
                diagnostics.Add(InputIds.Error(InputIds.SheetNamesClash,
                    $"工作表“{Printable.Escape(sheet.Name)}”（第{Position(sheet)}张）与“{Printable.Escape(same.Name)}”（第{Position(same)}张）的名称只差空格或全角、半角，"
                    + "会被当成同一张表，请删除多余的一张或改名。", new CellRef(sheet.Name, 1, 1), [new CellRef(same.Name, 1, 1)]));
                continue;
            }
            byKey[sheetKey] = sheet;
            SupplementsByKey.TryFind(sheet.Name, out var spec);
            if (spec is not null)
            {
                if (spec.IsList)
                    lists[spec.Name] = SupplementParser.ReadList(sheet, spec, diagnostics);
                else
                    keyValues[spec.Name] = SupplementParser.ReadKeyValues(sheet, spec, diagnostics);
                continue;
            }
            if (sheetKey == WorkbookLayout.Instructions || sheetKey == WorkbookLayout.Notes)
                continue;
            if (UserTableParser.NameOf(sheet.Name) is { } tableName)
            {
                ReadUserTable(sheet, tableName, userTables, diagnostics);
                continue;
            }
            if (TableRecognizer.Recognise(sheet, diagnostics) is { } info)
                recognised.Add((info, sheet));
        }

        if (lists.TryGetValue(WorkbookLayout.NamedTexts.Name, out var namedTexts))
            NamedTextSheet.CheckNames(namedTexts, diagnostics);

        // Titles decide; a sheet with only a 公开NN表 number is placed by that number in the set the titles show.
        var set = SetOf(recognised.Select(t => t.Info).ToList());
        var order = new List<TableInfo>();
        foreach (var (found, sheet) in recognised)
        {
            var info = found;
            if (info.TitleCell is null && TableRecognizer.NumberOf(info) is { } number && PublicTableCatalogue.KindNumbered(set, number) is { } byNumber)
                info = info with { Kind = byNumber, Title = PublicTableCatalogue.Of(byNumber).Title };
            order.Add(info);
            if (info.Kind == PublicTableKind.Other)
            {
                diagnostics.Add(InputIds.Info(InputIds.TableNotInCatalogue,
                    $"“{Printable.Escape(info.Title)}”不是已知的公开表，按导出原样列入附表，不参与核对和计算。", info.TitleCell ?? new CellRef(sheet.Name, 1, 1)));
                continue;
            }
            if (tables.TryGetValue(info.Kind, out var first))
            {
                diagnostics.Add(InputIds.Error(InputIds.TableDuplicated,
                    $"工作表“{sheet.Name}”与“{first.Sheet.Name}”是同一张表（{info.Title}），请删除多余的一张。", new CellRef(sheet.Name, 1, 1), [new CellRef(first.Sheet.Name, 1, 1)]));
                continue;
            }
            tables[info.Kind] = (info, sheet);
        }

        foreach (var entry in PublicTableCatalogue.InSet(set).Where(e => !tables.ContainsKey(e.Kind)))
        {
            var message = $"工作簿中找不到{entry.Title}，请从决算系统导出后放入本工作簿（按表头标题识别，工作表名称不限）。";
            diagnostics.Add(OptionalTables.Contains(entry.Kind) || !entry.IsNational
                ? InputIds.Warning(InputIds.TableMissing, message + "现按本表无数据处理。")
                : InputIds.Error(InputIds.TableMissing, message));
        }
        foreach (var spec in WorkbookLayout.Supplements.Where(s => !s.Optional && !keyValues.ContainsKey(s.Name) && !lists.ContainsKey(s.Name)))
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
            Parse(PublicTableKind.ThreePublic, ThreePublicParser.Parse))
        {
            FiscalExpenditureDetail = Parse(PublicTableKind.FiscalExpenditureDetail, SubjectTableParser.Parse),
            GeneralBudgetEconomicDetail = Parse(PublicTableKind.GeneralBudgetEconomicDetail, SubjectTableParser.Parse),
            GeneralBudgetProject = Parse(PublicTableKind.GeneralBudgetProject, SubjectTableParser.Parse),
            StateCapitalIncomeExpenditure = Parse(PublicTableKind.StateCapitalIncomeExpenditure, SubjectTableParser.Parse),
            GovernmentFundThreePublic = Parse(PublicTableKind.GovernmentFundThreePublic, ThreePublicParser.Parse),
            Set = set,
        };

        int Position(RawSheet sheet) => sheets.ToList().IndexOf(sheet) + 1;

        var workbook = new FinalAccountsWorkbook(fileName, publicTables, order, keyValues, lists, sheets) { UserTables = userTables };
        return new ReadResult(workbook, diagnostics);
    }

    // The supplement sheets by their name's key.
    private static readonly KeyIndex<SheetSpec> SupplementsByKey =
        new(WorkbookLayout.Supplements.Count, WorkbookLayout.Supplements.Select(s => (s.Name, s)));

    /// <summary>A 表格… sheet; a second one of the same name (表格-评分表 beside 表格 评分表) is named and left out.</summary>
    private static void ReadUserTable(RawSheet sheet, string name, List<UserTable> tables, List<Diagnostic> diagnostics)
    {
        if (tables.FirstOrDefault(t => LabelText.Key(t.Name) == LabelText.Key(name)) is { } first)
        {
            diagnostics.Add(InputIds.Warning(InputIds.NameTwice,
                $"工作表“{Printable.Escape(sheet.Name)}”与“{Printable.Escape(first.Sheet.Name)}”是同名的表格“{Printable.Escape(name)}”，只用前一张；请删除或改名。", new CellRef(sheet.Name, 1, 1)));
            return;
        }
        tables.Add(UserTableParser.Read(sheet, name, diagnostics));
    }

    public static string KindTitle(PublicTableKind kind) => kind == PublicTableKind.Other ? "其他表" : PublicTableCatalogue.Of(kind).Title;

    /// <summary>
    /// The set a workbook's tables belong to: a table only Sichuan's 14 have, or its 三公 title, means
    /// Sichuan 14; any other table beyond the national nine, Sichuan 13. Numbers decide only when no
    /// sheet has a title (an unknown extra table numbered 公开10表 does not make a set Sichuan's).
    /// </summary>
    private static TableSet SetOf(IReadOnlyList<TableInfo> tables)
    {
        var kinds = tables.Select(t => t.Kind).ToHashSet();
        var highest = tables.All(t => t.TitleCell is null) ? tables.Select(TableRecognizer.NumberOf).Max() ?? 0 : 0;
        var sichuan14ThreePublic = tables.Any(t => t.Kind == PublicTableKind.ThreePublic && t.TitleCell is not null
            && TableRecognizer.TitleKey(t.Title) == TableRecognizer.TitleKey(PublicTableCatalogue.Of(PublicTableKind.ThreePublic).Variants[0]));
        // The 一般公共预算…“三公” title alone is also a national export's title in some years: it tells 14 from 13
        // only beside a table the national nine do not have.
        var sichuanOnly = kinds.Any(k => k != PublicTableKind.Other && !PublicTableCatalogue.Of(k).IsNational);
        if (kinds.Contains(PublicTableKind.GovernmentFundThreePublic) || highest == 14 || (sichuanOnly && sichuan14ThreePublic))
            return TableSet.Sichuan14;
        if (sichuanOnly || highest > 9)
            return TableSet.Sichuan13;
        return TableSet.National9;
    }

}
