namespace FinalAccounts.Model;

/// <summary>
/// A labelled value of a key–value sheet. Cell is where the value is (or belongs when blank);
/// Number is set when the field is numeric and the text is a valid number.
/// </summary>
public sealed record KeyValueEntry(string Label, string Text, CellRef Cell, decimal? Number = null);

/// <summary>
/// A key–value sheet (基本信息, 上年数, 变动原因, …): label in the first column, value in the second.
/// Lookups ignore spaces, bracket width and a trailing unit such as （万元）.
/// </summary>
public sealed record KeyValueSheet(string Sheet, IReadOnlyList<KeyValueEntry> Entries)
{
    public static KeyValueSheet Missing(string sheet) => new(sheet, []);

    public KeyValueEntry? Find(string label) => ByKey.GetValue(this, Index).GetValueOrDefault(LabelText.Key(label));

    // Each label's key made once for a sheet, not once for every lookup (a report looks up some hundred labels).
    // Kept beside the record rather than in it, so the record's equality stays what it was.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KeyValueSheet, Dictionary<string, KeyValueEntry>> ByKey = new();

    private static Dictionary<string, KeyValueEntry> Index(KeyValueSheet sheet)
    {
        var index = new Dictionary<string, KeyValueEntry>(sheet.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in sheet.Entries)
            index.TryAdd(LabelText.Key(entry.Label), entry);   // the first of two alike labels, as before
        return index;
    }

    /// <summary>The amount of a numeric field as an <see cref="Amount"/> with its cell; null when blank or absent.</summary>
    public Amount? Amount(string label) =>
        Find(label) is { Number: { } number } entry ? new Amount(number, entry.Cell) : null;

    public string? Text(string label)
    {
        var text = Find(label)?.Text.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }
}

/// <summary>A list sheet (部门职责, 项目预算, 名词解释, …): a header row, then one record per row.</summary>
public sealed record ListSheet(string Sheet, IReadOnlyList<string> Headers, IReadOnlyList<ListRow> Rows)
{
    public static ListSheet Missing(string sheet) => new(sheet, [], []);

    public int ColumnOf(string header) => ColumnByKey.GetValue(this, Index).GetValueOrDefault(LabelText.Key(header), -1);

    // Each header's key made once for a sheet, not once for every lookup; kept beside the record, as KeyValueSheet's.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ListSheet, Dictionary<string, int>> ColumnByKey = new();

    private static Dictionary<string, int> Index(ListSheet sheet)
    {
        var index = new Dictionary<string, int>(sheet.Headers.Count, StringComparer.Ordinal);
        for (var i = 0; i < sheet.Headers.Count; i++)
            index.TryAdd(LabelText.Key(sheet.Headers[i]), i);   // the first of two alike headers, as before
        return index;
    }
}

public sealed record ListRow(int SheetRow, IReadOnlyList<string> Values, IReadOnlyList<CellRef> Cells, IReadOnlyList<decimal?> Numbers)
{
    public decimal? Number(int column) => column >= 0 && column < Numbers.Count ? Numbers[column] : null;

    public string this[int column] => column >= 0 && column < Values.Count ? Values[column].Trim() : "";

    public CellRef CellAt(int column) => Cells[Math.Max(0, column)];
}

public static class LabelText
{
    /// <summary>Label identity: no whitespace, half-width brackets, no trailing unit in brackets, no quotes.</summary>
    public static string Key(string label)
    {
        var text = Normalise(label);
        var unit = text.LastIndexOf('(');
        if (unit > 0 && text.EndsWith(')') && text[(unit + 1)..^1] is "万元" or "元" or "个" or "辆" or "人次" or "次" or "台" or "套" or "%" or "分")
            text = text[..unit];
        return text;
    }

    public static string Normalise(string text)
    {
        // Most labels are already plain (read for every row of every table): those are returned as they are.
        var plain = true;
        foreach (var ch in text)
            if (char.IsWhiteSpace(ch) || ch is '\u3000' or '"' or '“' or '”' or '（' or '）' or '：' or '，' || ch is >= '\uFF01' and <= '\uFF5E')
            {
                plain = false;
                break;
            }
        if (plain)
            return text;
        var chars = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || ch is '\u3000' or '"' or '“' or '”')
                continue;
            chars.Append(ch switch
            {
                '（' => '(',
                '）' => ')',
                '：' => ':',
                '，' => ',',
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),   // full-width letters, digits and signs
                _ => ch,
            });
        }
        return chars.ToString();
    }
}
