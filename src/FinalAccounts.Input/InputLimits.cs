using System.Globalization;
using System.Text;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// The bounds every workbook is read within, whatever it holds. A real 决算 export is a few MB with
/// tens of thousands of cells; these leave it a wide margin while keeping a crafted file to a few
/// hundred MB of memory and a few seconds. Each bound has its own IN id naming the sheet and cell.
/// </summary>
public static class InputLimits
{
    /// <summary>IN006: the file on disk.</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>IN005: all parts of an .xlsx package once decompressed (checked before decompressing).</summary>
    public const long MaxExpandedBytes = 100L * 1024 * 1024;

    /// <summary>IN040: Excel itself holds at most this many characters in a cell.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>IN040: Excel's limit for a sheet name.</summary>
    public const int MaxSheetNameChars = 31;

    /// <summary>IN043: the text of the whole workbook (cells and shared strings).</summary>
    public const long MaxWorkbookChars = 5_000_000;

    /// <summary>IN042: cells holding a value, over all sheets.</summary>
    public const int MaxCells = 1_000_000;

    /// <summary>IN045: merged ranges in one sheet.</summary>
    public const int MaxMergesPerSheet = 10_000;

    /// <summary>IN044: Excel's grid.</summary>
    public const int MaxRow = 1_048_576;

    public const int MaxColumn = 16_384;
}

/// <summary>A bound of <see cref="InputLimits"/> passed while reading: the whole workbook is refused with this finding.</summary>
internal sealed class InputLimitException(Diagnostic finding) : Exception(finding.Message)
{
    public Diagnostic Finding { get; } = finding;
}

/// <summary>
/// Every cell of either reader passes through here: references inside Excel's grid, counts and
/// lengths within <see cref="InputLimits"/>, and text a .docx can hold. Both readers share it, so
/// `validate` and `generate` see the same cleaned text and the same findings.
/// </summary>
internal sealed class CellGuard
{
    private long _chars;
    private int _cells;

    /// <summary>
    /// Adds what another guard counted (one worksheet read on its own, <see cref="XlsxGridReader"/>'s parallel reading);
    /// false when the sum is past a limit, which then only a read in order can name where.
    /// </summary>
    public bool Absorb(CellGuard other)
    {
        (_chars, _cells) = (_chars + other._chars, _cells + other._cells);
        return _cells <= InputLimits.MaxCells && _chars <= InputLimits.MaxWorkbookChars;
    }

    /// <summary>Forgets what was counted, for a second read of the same file.</summary>
    public void Reset() => (_chars, _cells, _shared) = (0, 0, null);

    /// <summary>Counts a shared string (text read outside cells) against the workbook's total; named only when it is the one past the limit.</summary>
    public void CountSharedString(int length, int index)
    {
        _chars += length;
        if (_chars > InputLimits.MaxWorkbookChars)
            throw TooMuchText($"共享字符串第{index}项");
    }

    private static InputLimitException TooMuchText(string where) =>
        new(InputIds.Error(InputIds.TooMuchText,
            $"工作簿中的文字超过 {InputLimits.MaxWorkbookChars:N0} 个字符（在{where}处超出），远超决算工作簿的正常大小，疑似损坏或被构造的文件，未读取。"));

    public void Add(RawSheet sheet, int row, int column, string text, double? number, bool countText = true)
    {
        if (row < 1 || row > InputLimits.MaxRow || column < 1 || column > InputLimits.MaxColumn)
            throw new InputLimitException(InputIds.Error(InputIds.ReferenceOutOfGrid,
                $"工作表“{Printable.Escape(sheet.Name)}”中有超出Excel表格范围的单元格引用（第{row}行第{column}列），文件已损坏，未读取。", new CellRef(sheet.Name, 1, 1)));
        // Where the cell is, made only for a finding: every cell of every workbook passes here.
        CellRef At() => new(sheet.Name, row, column);
        if (++_cells > InputLimits.MaxCells)
            throw new InputLimitException(InputIds.Error(InputIds.TooManyCells,
                $"工作簿中有内容的单元格超过 {InputLimits.MaxCells:N0} 个（在 {At()} 处超出），远超决算工作簿的正常大小，未读取。请删除无关的工作表或内容。", At()));
        if (countText && (_chars += text.Length) > InputLimits.MaxWorkbookChars)
            throw TooMuchText(At().ToString());
        var (shown, tooLong, removed) = countText ? Shown(text) : SharedShown(text);
        if (tooLong)
            sheet.ReadFindings.Add(InputIds.Error(InputIds.TextTooLong,
                $"单元格文字超过Excel单元格的上限 {InputLimits.MaxCellChars:N0} 个字符，疑似粘贴错误或被构造的内容，请检查。", At()));
        if (removed.Length > 0)
            sheet.ReadFindings.Add(InputIds.Warning(InputIds.CharactersRemoved,
                $"单元格中有报告无法容纳的字符（{removed}），已删除；请确认删除后的内容“{Printable.Escape(Shorten(shown))}”正确。", At()));
        text = shown;
        if (text.Length == 0 && number is null)
            return;
        sheet.Set(new RawCell(row, column, text, number));
    }

    /// <summary>A cell's text as the report may hold it: cut to Excel's limit (TooLong), characters a .docx cannot hold removed.</summary>
    private static (string Text, bool TooLong, string Removed) Shown(string text)
    {
        var tooLong = text.Length > InputLimits.MaxCellChars;
        if (tooLong)
            text = text[..InputLimits.MaxCellChars];
        var (clean, removed) = Printable.Clean(text);
        return (removed.Length > 0 ? clean : text, tooLong, removed);
    }

    /// <summary>
    /// <see cref="Shown"/> of a shared string, worked out once per string: a crafted workbook may point a million cells at
    /// one string past Excel's limit, and each would otherwise be given its own cut copy (some 64 kB) and be scanned
    /// whole again. The cells then hold the one copy; each still has its own finding.
    /// </summary>
    private (string Text, bool TooLong, string Removed) SharedShown(string text)
    {
        // Short strings cost no more to look at again than to look up.
        if (text.Length <= 256)
            return Shown(text);
        _shared ??= new Dictionary<string, (string, bool, string)>(ReferenceEqualityComparer.Instance);
        if (!_shared.TryGetValue(text, out var shown))
            _shared[text] = shown = Shown(text);
        return shown;
    }

    private Dictionary<string, (string Text, bool TooLong, string Removed)>? _shared;

    /// <summary>Merged ranges are looked up for each printed cell, so a sheet of a million of them is refused.</summary>
    public static void CheckMerges(RawSheet sheet)
    {
        if (sheet.Merges.Count > InputLimits.MaxMergesPerSheet)
            throw new InputLimitException(InputIds.Error(InputIds.TooManyMerges,
                $"工作表“{Printable.Escape(sheet.Name)}”有 {sheet.Merges.Count:N0} 个合并单元格区域，超过上限 {InputLimits.MaxMergesPerSheet:N0} 个，疑似损坏或被构造的文件，未读取。", new CellRef(sheet.Name, 1, 1)));
    }

    /// <summary>A sheet name as Excel allows it; a longer or unprintable one is reported, the name kept readable.</summary>
    public static string SheetName(string raw, List<Diagnostic> findings)
    {
        // Not trimmed: "基本信息 " is another sheet than "基本信息" to Excel, and messages must tell them apart (IN034).
        var (name, removed) = Printable.Clean(raw);
        if (removed.Length > 0)
            findings.Add(InputIds.Warning(InputIds.CharactersRemoved, $"工作表名称“{Printable.Escape(raw)}”中有无法显示的字符（{removed}），已删除。"));
        if (name.Length > InputLimits.MaxSheetNameChars)
        {
            findings.Add(InputIds.Error(InputIds.TextTooLong,
                $"工作表名称有 {name.Length:N0} 个字符，超过Excel的上限 {InputLimits.MaxSheetNameChars} 个：“{Printable.Escape(Shorten(name))}”。"));
            name = name[..InputLimits.MaxSheetNameChars];
        }
        return name;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

