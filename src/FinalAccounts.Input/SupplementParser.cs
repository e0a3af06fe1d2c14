using System.Globalization;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Reads the supplementary sheets by their labels (a key–value sheet by the label in its first
/// column, a list sheet by its header row) and checks each value against its <see cref="FieldSpec"/>.
/// </summary>
internal static class SupplementParser
{
    public static KeyValueSheet ReadKeyValues(RawSheet sheet, SheetSpec spec, List<Diagnostic> diagnostics)
    {
        var entries = new List<KeyValueEntry>();
        foreach (var row in sheet.Rows)
        {
            var label = sheet.Text(row, 1).Trim();
            if (label.Length == 0 || LabelText.Key(label) is "项目" or "填写项目")
                continue;
            FieldsByKey.GetValue(spec, s => new KeyIndex<FieldSpec>(s.Fields.Count, s.Fields.Select(f => (f.Label, f)))).TryFind(label, out var field);
            var cell = new CellRef(sheet.Name, row, 2);
            if (field is null && spec.OtherRows is { } other)
            {
                // A row of the user's own (a region's vehicle category), typed like the sheet's other rows. Text that is no
                // number makes it a note row (备注…), as such rows were before categories were open: said, not an error.
                field = other with { Label = label };
                var value = sheet.Text(row, 2).Trim();
                if (value.Length > 0 && NumberOf(field, value) is null)
                    diagnostics.Add(InputIds.Warning(InputIds.FieldWrongType,
                        $"“{label}”一行填的不是数量（“{Printable.Escape(value)}”），报告不把它列为一类；若是一类车辆或设备，请填写数量。", cell));
                else
                    CheckValue(spec, field, sheet.Text(row, 2), cell, diagnostics, sheet);
            }
            entries.Add(new KeyValueEntry(label, sheet.Text(row, 2), cell, NumberOf(field, sheet.Text(row, 2))));
        }
        var result = new KeyValueSheet(sheet.Name, entries);
        foreach (var field in spec.Fields)
        {
            var entry = result.Find(field.Label);
            if (entry is null)
            {
                if (field.Required)
                    diagnostics.Add(Missing(spec, $"缺少“{field.Label}”一行，请按模板补上并填写。", new CellRef(sheet.Name, 1, 1)));
                continue;
            }
            CheckValue(spec, field, entry.Text, entry.Cell, diagnostics, sheet);
        }
        return result;
    }

    // A sheet's fields by their label's key, made once for the layout's spec rather than for every row read.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SheetSpec, KeyIndex<FieldSpec>> FieldsByKey = new();

    public static ListSheet ReadList(RawSheet sheet, SheetSpec spec, List<Diagnostic> diagnostics)
    {
        var keyField = spec.Fields.First(f => f.Required);
        var keyOfKeyField = LabelText.Key(keyField.Label);
        var headerRow = sheet.RowsBetween(1, HeaderGrid.SearchRows + 1)
            .FirstOrDefault(r => sheet.CellsInRow(r).Any(c => LabelText.Key(c.Text) == keyOfKeyField));
        if (headerRow == 0)
        {
            diagnostics.Add(Missing(spec, $"找不到表头“{keyField.Label}”，本表未读取。", new CellRef(sheet.Name, 1, 1)));
            return new ListSheet(sheet.Name, spec.Fields.Select(f => f.Label).ToList(), []);
        }
        var columnOf = spec.Fields.Select(f => sheet.CellsInRow(headerRow)
            .FirstOrDefault(c => LabelText.Key(c.Text) == LabelText.Key(f.Label))?.Column ?? 0).ToList();
        for (var i = 0; i < spec.Fields.Count; i++)
            if (columnOf[i] == 0 && spec.Fields[i].Required)
                diagnostics.Add(Missing(spec, $"缺少“{spec.Fields[i].Label}”列。", new CellRef(sheet.Name, headerRow, 1)));

        var rows = new List<ListRow>();
        foreach (var row in sheet.RowsFrom(headerRow + 1))
        {
            if (columnOf.All(c => c == 0 || sheet.Text(row, c).Trim().Length == 0))
                continue;
            var cells = columnOf.Select((c, i) => new CellRef(sheet.Name, row, c == 0 ? sheet.ColumnCount + 1 + i : c)).ToList();
            var values = columnOf.Select(c => c == 0 ? "" : sheet.Text(row, c)).ToList();
            for (var i = 0; i < spec.Fields.Count; i++)
                if (columnOf[i] != 0)
                    CheckValue(spec, spec.Fields[i], values[i], cells[i], diagnostics, sheet);
            rows.Add(new ListRow(row, values, cells, spec.Fields.Select((f, i) => NumberOf(f, values[i])).ToList()));
        }
        return new ListSheet(sheet.Name, spec.Fields.Select(f => f.Label).ToList(), rows);
    }

    private static decimal? NumberOf(FieldSpec? field, string text) =>
        field?.Type is FieldType.Amount or FieldType.Integer or FieldType.Year && text.Trim().Length > 0 && AmountText.TryParse(text, out var number)
            ? number : null;

    private static void CheckValue(SheetSpec spec, FieldSpec field, string text, CellRef cell, List<Diagnostic> diagnostics, RawSheet sheet)
    {
        if (sheet.FormulasWithoutValue.Contains((cell.Row, cell.Column)))
        {
            diagnostics.Add(AmountCells.FormulaWithoutValue(cell));
            return;
        }
        var value = text.Trim();
        if (value.Length == 0)
        {
            if (field.Required)
                diagnostics.Add(Missing(spec, $"“{field.Label}”未填写。", cell));
            return;
        }
        var problem = field.Type switch
        {
            FieldType.Amount when !AmountText.TryParse(value, out _) => $"“{field.Label}”应填写数字，现为“{Printable.Escape(value)}”。",
            FieldType.Integer when !int.TryParse(value.Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                => $"“{field.Label}”应填写整数，现为“{Printable.Escape(value)}”。",
            FieldType.Year when !(int.TryParse(value, out var year) && year is >= 1990 and <= 2100)
                => $"“{field.Label}”应为四位年份（如2024），现为“{Printable.Escape(value)}”。",
            _ => null,
        };
        if (problem is not null)
            diagnostics.Add(InputIds.Error(InputIds.FieldWrongType, problem, cell));
        else if (field.Type == FieldType.Amount && AmountText.TryParse(value, out var amount))
        {
            // The same bounds as the public tables' amounts: a unit or typing slip, not money.
            if (AmountCells.IsAbsurd(amount))
                diagnostics.Add(InputIds.Error(InputIds.AmountAbsurd, $"“{field.Label}”为 {Printable.Escape(value)}，超出合理范围（绝对值不超过一万亿万元），请检查单位和数值。", cell));
            else if (amount < 0)
                diagnostics.Add(InputIds.Warning(InputIds.AmountNegative, $"“{field.Label}”为负数（{Printable.Escape(value)}），请确认。", cell));
        }
        else if (field.Type == FieldType.Choice && field.Choices is { } choices && !choices.Contains(value))
            diagnostics.Add(InputIds.Error(InputIds.FieldNotAChoice, $"“{field.Label}”应为{string.Join("、", choices.Select(c => $"“{c}”"))}之一，现为“{Printable.Escape(value)}”。", cell));
    }

    /// <summary>Without 基本信息 no report can be titled, so its gaps are errors; other gaps only weaken the report.</summary>
    private static Diagnostic Missing(SheetSpec spec, string message, CellRef at) =>
        spec == WorkbookLayout.BasicInfo ? InputIds.Error(InputIds.FieldMissing, message, at) : InputIds.Warning(InputIds.FieldMissing, message, at);
}
