using System.Globalization;
using System.Text;
using FinalAccounts.Input;
using FinalAccounts.Model;

namespace FinalAccounts.Tests.Support;

/// <summary>The model as text, one value per line with its cell: two workbooks give the same model exactly when their dumps are equal.</summary>
public static class ModelDump
{
    public static string Of(string path)
    {
        var result = WorkbookReader.Read(path);
        Assert.NotNull(result.Workbook);
        return Of(result.Workbook!);
    }

    public static string Of(FinalAccountsWorkbook w)
    {
        var text = new StringBuilder();
        void Line(string s) => text.AppendLine(s);
        string A(Amount a) => $"{a.Value.ToString(CultureInfo.InvariantCulture)}@{a.Source}";
        var t = w.Tables;
        foreach (var (name, table) in new[] { ("T1", t.Summary), ("T4", t.FiscalSummary) })
        {
            if (table is null) { Line($"{name} missing"); continue; }
            Line($"{name} {table.Info}");
            foreach (var (side, s) in new[] { ("income", table.Income), ("expenditure", table.Expenditure) })
            {
                Line($"  {side} columns {string.Join(" | ", s.Columns.Select(c => c.Key))}");
                foreach (var l in s.Lines)
                    Line($"  {side} {l.Name} {string.Join(" ", l.Values.Select(A))}");
            }
        }
        foreach (var (name, table) in new[] { ("T2", t.Income), ("T3", t.Expenditure), ("T5", t.GeneralBudget), ("T7", t.GovernmentFund), ("T8", t.StateCapital) })
        {
            if (table is null) { Line($"{name} missing"); continue; }
            Line($"{name} {table.Info} columns {string.Join(" | ", table.Columns.Select(c => c.Key))}");
            foreach (var r in table.Rows)
                Line($"  {r.Level} {r.Code} {r.Name} {string.Join(" ", r.Values.Select(A))}");
        }
        if (t.BasicDetail is { } d)
        {
            Line($"T6 {d.Info} personnel {(d.PersonnelTotal is null ? "-" : A(d.PersonnelTotal))} public {(d.PublicTotal is null ? "-" : A(d.PublicTotal))}");
            foreach (var i in d.Items)
                Line($"  {i.Code} {i.Name} {A(i.Amount)}");
        }
        if (t.ThreePublic is { } p)
            for (var i = 0; i < p.Columns.Count; i++)
                Line($"T9 {p.Columns[i].Key} {A(p.Values[i])}");
        foreach (var (sheet, kv) in w.KeyValues.OrderBy(k => k.Key, StringComparer.Ordinal))
            foreach (var e in kv.Entries)
                Line($"{sheet} {e.Label} = {e.Text} ({e.Number}) @{e.Cell}");
        foreach (var (sheet, list) in w.Lists.OrderBy(k => k.Key, StringComparer.Ordinal))
            foreach (var r in list.Rows)
                Line($"{sheet} row {r.SheetRow}: {string.Join(" | ", r.Values)}");
        return text.ToString();
    }
}
