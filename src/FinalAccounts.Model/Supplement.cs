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

    public KeyValueEntry? Find(string label)
    {
        // Each label's key made once for a sheet, not once for every lookup (a report looks up some hundred labels);
        // made again if rows were added to the list the sheet was given since.
        if (!ByKey.TryGetValue(this, out var index) || index.Count != Entries.Count)
            ByKey.AddOrUpdate(this, index = new KeyIndex<KeyValueEntry>(Entries.Count, Entries.Select(e => (e.Label, e))));
        return index.TryFind(label, out var entry) ? entry : null;
    }

    // Kept beside the record rather than in it, so the record's equality stays what it was.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KeyValueSheet, KeyIndex<KeyValueEntry>> ByKey = new();

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

    public int ColumnOf(string header)
    {
        // Each header's key made once for a sheet, as KeyValueSheet's labels are.
        if (!ColumnByKey.TryGetValue(this, out var index) || index.Count != Headers.Count)
            ColumnByKey.AddOrUpdate(this, index = new KeyIndex<int>(Headers.Count, Headers.Select((h, i) => (h, i))));
        return index.TryFind(header, out var column) ? column : -1;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ListSheet, KeyIndex<int>> ColumnByKey = new();
}

public sealed record ListRow(int SheetRow, IReadOnlyList<string> Values, IReadOnlyList<CellRef> Cells, IReadOnlyList<decimal?> Numbers)
{
    public decimal? Number(int column) => column >= 0 && column < Numbers.Count ? Numbers[column] : null;

    public string this[int column] => column >= 0 && column < Values.Count ? Values[column].Trim() : "";

    public CellRef CellAt(int column) => Cells[Math.Max(0, column)];
}

/// <summary>Values by their label's key (<see cref="LabelText.Key"/>), the first of two alike labels answering; Count is how many labels it was made from.</summary>
public sealed class KeyIndex<T>
{
    private readonly Dictionary<string, T> _byKey = new(StringComparer.Ordinal);

    public KeyIndex(int count, IEnumerable<(string Label, T Value)> labelled)
    {
        Count = count;
        foreach (var (label, value) in labelled)
            _byKey.TryAdd(LabelText.Key(label), value);
    }

    public int Count { get; }

    public bool TryFind(string label, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value) => _byKey.TryGetValue(LabelText.Key(label), out value);
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
