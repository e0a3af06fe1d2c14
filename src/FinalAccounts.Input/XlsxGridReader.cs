using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Reads an .xlsx package straight from its XML with one forward pass per part (the worksheets and shared
/// strings by <see cref="PartScanner"/> from their bytes, the rest with XmlReader; a file the scanner declines is
/// read again with an XmlReader for every part, as before the scanner). It gives exactly
/// what ExcelDataReader gives for the same file (a test corpus holds them to it) in a fraction of
/// the time; .xls files and encrypted packages still go to ExcelDataReader. What it does not
/// understand (another namespace, an unknown cell type, a part that is not well-formed XML) it
/// refuses with <see cref="NotUnderstoodException"/>, and the file is read by ExcelDataReader
/// instead of being misread. It also reads Strict OOXML, which ExcelDataReader 3.6 sees as a
/// workbook without sheets.
/// </summary>
internal static partial class XlsxGridReader
{
    private const string Transitional = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string TransitionalRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string StrictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    /// <summary>The namespaces of one package: Transitional (what Excel, WPS and LibreOffice save) or Strict.</summary>
    private sealed record Names(string Main, string Relationships, bool Date1904);

    /// <summary>Null when the package is not a workbook (no xl/workbook.xml).</summary>
    /// <param name="spareCore">Whether the worksheets may be read by two threads at once (<see cref="InParallel"/>).</param>
    public static List<RawSheet>? Read(Stream stream, CellGuard guard, List<Diagnostic> findings, PartReading reading = PartReading.ScanElseXmlReader,
        bool spareCore = false)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var workbook = Entry(zip, "xl/workbook.xml");
        if (workbook is null)
            return null;
        if (reading != PartReading.ScanElseXmlReader)
            return ReadWorkbook(zip, workbook, guard, findings, scan: reading == PartReading.ScanOnly, spareCore);
        var findingsBefore = findings.Count;
        try
        {
            return ReadWorkbook(zip, workbook, guard, findings, scan: true, spareCore);
        }
        catch (ScanDeclinedException)
        {
            // Read again from the start, with nothing counted or found by the first attempt.
            findings.RemoveRange(findingsBefore, findings.Count - findingsBefore);
            guard.Reset();
            return ReadWorkbook(zip, workbook, guard, findings, scan: false, spareCore: false);
        }
    }

    /// <summary>
    /// One read of the package; <paramref name="scan"/> reads the worksheets and shared strings with <see cref="PartScanner"/>
    /// (which may decline), else with an XmlReader each.
    /// </summary>
    private static List<RawSheet> ReadWorkbook(ZipArchive zip, ZipArchiveEntry workbook, CellGuard guard, List<Diagnostic> findings, bool scan, bool spareCore)
    {
        var state = new ReadState();
        try
        {
            var sheets = ReadSheets(zip, workbook, state, guard, findings, scan, spareCore);
            // Declined only now, after every part was read within the limits and every string measured.
            return state.NotUnderstood is { } reason ? throw new NotUnderstoodException(reason) : sheets;
        }
        catch (XmlException ex)
        {
            throw Decline(state, $"a part is not well-formed XML: {ex.Message}");
        }
        catch (NotUnderstoodException ex)
        {
            throw Decline(state, ex.Message);
        }
    }

    /// <summary>
    /// ExcelDataReader holds every string whole and joins its runs one by one, so a string the fast
    /// reader only had to cap (past Excel's cell limit, or in thousands of runs) would cost it
    /// hundreds of MB or minutes: such a workbook is refused rather than handed over.
    /// </summary>
    private static Exception Decline(ReadState state, string reason) =>
        state.Oversized is { } where
            ? new InputLimitException(InputIds.Error(InputIds.TooMuchText,
                $"工作簿中{where}的文字过长或由过多的格式段组成，而工作簿又含有只能以兼容方式读取的内容，疑似损坏或被构造的文件，未读取。请在Excel或WPS中另存为 .xlsx 后再提交。"))
            : new NotUnderstoodException(reason);

    /// <summary>What one read has seen that matters if the file goes to ExcelDataReader after all.</summary>
    private sealed class ReadState
    {
        public List<string> Strings { get; } = new();

        /// <summary>
        /// One name table for every part of this workbook: the parts use the same few dozen names (c, r, t, v, row), and a
        /// table of their own made each of some thirty readers hash and store them again. Never shared between workbooks,
        /// so what one file names cannot grow a table another uses.
        /// </summary>
        public XmlReaderSettings Settings => _settings ??= NewSettings();
        private XmlReaderSettings? _settings;

        /// <summary>Where the first string that was capped or had more than <see cref="MaxRuns"/> runs is.</summary>
        public string? Oversized { get; set; }

        /// <summary>The first thing in a sheet the fast reader does not understand (an unknown cell type).</summary>
        public string? NotUnderstood { get; set; }

        /// <summary>Notes where the first oversized string is; <paramref name="where"/> is asked only for that one.</summary>
        public void Measure(string text, int runs, Func<string> where)
        {
            if (Oversized is null && (runs > MaxRuns || text.Length > InputLimits.MaxCellChars))
                Oversized = where();
        }
    }

    /// <summary>Real rich text has a handful of runs; ExcelDataReader's cost grows with runs × length.</summary>
    private const int MaxRuns = 1_000;

    private static List<RawSheet> ReadSheets(ZipArchive zip, ZipArchiveEntry workbook, ReadState state, CellGuard guard, List<Diagnostic> findings, bool scan,
        bool spareCore)
    {
        var names = WorkbookNames(workbook, state);
        var targets = SheetTargets(zip, state);
        var strings = SharedStrings(zip, names, state, guard, scan);
        var dateStyles = DateStyles(zip, names, state);
        if (scan && spareCore && Environment.ProcessorCount > 1 && InParallel(zip, workbook, names, targets, strings, dateStyles, state, guard, findings) is { } read)
            return read;
        var sheets = new List<RawSheet>();
        foreach (var (sheet, part) in SheetsOf(zip, workbook, names, targets, state, findings))
        {
            if (part is not null)
            {
                var cells = new SheetCells(sheet, strings, dateStyles, names.Date1904, state, guard);
                if (scan)
                    PartScanner.ReadWorksheet(part, names.Main, cells);
                else
                    ReadSheet(part, cells, names, state);
            }
            sheets.Add(sheet);
        }
        return sheets;
    }

    /// <summary>
    /// The workbook's sheets in order, each with its worksheet part (null when the package has none for it), read from
    /// workbook.xml one by one as they are asked for: a name's finding comes after the sheets before it are read.
    /// </summary>
    private static IEnumerable<(RawSheet Sheet, ZipArchiveEntry? Part)> SheetsOf(ZipArchive zip, ZipArchiveEntry workbook, Names names,
        Dictionary<string, string> targets, ReadState state, List<Diagnostic> findings)
    {
        using var reader = XmlReader.Create(workbook.Open(), state.Settings);
        while (reader.Read())
        {
            if (!IsElement(reader, "sheet", names))
                continue;
            var name = CellGuard.SheetName(reader.GetAttribute("name") ?? "", findings);
            var id = reader.GetAttribute("id", names.Relationships) ?? "";
            var hidden = reader.GetAttribute("state") is "hidden" or "veryHidden";
            var part = targets.TryGetValue(id, out var target) ? Entry(zip, target) : null;
            yield return (new RawSheet(name, hidden), part);
        }
    }

    /// <summary>Which namespaces the workbook part uses, and its date system (workbookPr date1904).</summary>
    private static Names WorkbookNames(ZipArchiveEntry workbook, ReadState state)
    {
        using var reader = XmlReader.Create(workbook.Open(), state.Settings);
        reader.MoveToContent();
        var names = reader.NamespaceURI switch
        {
            Transitional => new Names(Transitional, TransitionalRelationships, false),
            Strict => new Names(Strict, StrictRelationships, false),
            var other => throw new NotUnderstoodException($"workbook in namespace '{other}'"),
        };
        while (reader.Read())
            if (IsElement(reader, "workbookPr", names))
                // ExcelDataReader reads only "1"; "true" is the same xsd:boolean (and what some tools write).
                return names with { Date1904 = reader.GetAttribute("date1904") is "1" or "true" };
            else if (IsElement(reader, "sheets", names))
                break;
        return names;
    }

    private static bool IsElement(XmlReader reader, string localName, Names names) =>
        reader.NodeType == XmlNodeType.Element && reader.LocalName == localName && reader.NamespaceURI == names.Main;

    private static XmlReaderSettings NewSettings() =>
        new() { IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, NameTable = new NameTable() };

    private static ZipArchiveEntry? Entry(ZipArchive zip, string path) =>
        zip.GetEntry(path.TrimStart('/')) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, path.TrimStart('/'), StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, string> SheetTargets(ZipArchive zip, ReadState state)
    {
        var targets = new Dictionary<string, string>();
        if (Entry(zip, "xl/_rels/workbook.xml.rels") is not { } rels)
            return targets;
        using var reader = XmlReader.Create(rels.Open(), state.Settings);
        while (reader.Read())
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
                targets[id] = target.StartsWith('/') ? target : "xl/" + target;
        return targets;
    }

    private static List<string> SharedStrings(ZipArchive zip, Names names, ReadState state, CellGuard guard, bool scan)
    {
        var strings = state.Strings;
        if (Entry(zip, "xl/sharedStrings.xml") is not { } part)
            return strings;
        void Add(string text, int runs)
        {
            guard.CountSharedString(text.Length, strings.Count + 1);
            strings.Add(text);
            state.Measure(text, runs, () => $"共享字符串第{strings.Count}项");
        }
        if (scan)
        {
            PartScanner.ReadSharedStrings(part, names.Main, Add);
            return strings;
        }
        using var reader = XmlReader.Create(part.Open(), state.Settings);
        ExpectRoot(reader, names, "sharedStrings.xml");
        while (reader.Read())
            if (IsElement(reader, "si", names))
                Add(RichText(reader, names, out var runs), runs);
        return strings;
    }

    /// <summary>
    /// The text of an si or is element: every t, leaving out phonetic runs (rPh). Leaves the reader
    /// on the element's end tag. (ReadElementContentAsString already moves past the element, so the
    /// loops below only call Read when nothing else moved the reader.)
    /// </summary>
    private static string RichText(XmlReader reader, Names names, out int runs)
    {
        runs = 0;
        if (reader.IsEmptyElement)
            return "";
        var depth = reader.Depth;
        var text = new StringBuilder();
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            if (IsElement(reader, "rPh", names))
                reader.Skip();
            else if (IsElement(reader, "t", names) && !reader.IsEmptyElement)
            {
                runs++;
                AppendCapped(reader, text);
            }
            else
                reader.Read();
        }
        return Unescape(text.ToString());
    }

    /// <summary>
    /// Reads the text of the element the reader is on, keeping at most one character past a cell's
    /// limit (so the limit is seen as passed) and leaving the reader after its end tag. Text is read
    /// in chunks: a crafted 180 MB string costs a buffer, not 360 MB of string.
    /// </summary>
    private static void AppendCapped(XmlReader reader, StringBuilder text)
    {
        const int cap = InputLimits.MaxCellChars + 1;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }
        var depth = reader.Depth;
        var buffer = ChunkBuffer ??= new char[8192];
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                if (reader.CanReadValueChunk)
                {
                    int read;
                    while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                        if (text.Length < cap)
                            text.Append(buffer, 0, Math.Min(read, cap - text.Length));
                }
                else if (text.Length < cap)
                    text.Append(reader.Value.AsSpan(0, Math.Min(reader.Value.Length, cap - text.Length)));
            }
            reader.Read();
        }
        reader.Read();
    }

    [ThreadStatic]
    private static char[]? ChunkBuffer;

    [ThreadStatic]
    private static StringBuilder? ValueText;

    /// <summary>Which cell styles show a number as a date (ExcelDataReader returns those as dates).</summary>
    private static HashSet<int> DateStyles(ZipArchive zip, Names names, ReadState state)
    {
        var result = new HashSet<int>();
        if (Entry(zip, "xl/styles.xml") is not { } part)
            return result;
        var customDates = new HashSet<int>();
        var inCellXfs = false;
        var index = 0;
        using var reader = XmlReader.Create(part.Open(), state.Settings);
        ExpectRoot(reader, names, "styles.xml");
        while (reader.Read())
        {
            // Only the stylesheet's own numFmts count: a differential format (dxf) may also carry a numFmt.
            if (IsElement(reader, "numFmt", names) && reader.Depth == 2
                && int.TryParse(reader.GetAttribute("numFmtId"), out var id) && IsDateFormat(reader.GetAttribute("formatCode") ?? ""))
                customDates.Add(id);
            else if (IsElement(reader, "cellXfs", names))
                inCellXfs = !reader.IsEmptyElement;
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
                inCellXfs = false;
            else if (inCellXfs && IsElement(reader, "xf", names))
            {
                // applyNumberFormat="0" means the cell shows General, whatever numFmtId says (as ExcelDataReader reads it).
                if (reader.GetAttribute("applyNumberFormat") != "0"
                    && int.TryParse(reader.GetAttribute("numFmtId"), out var format) && (IsBuiltInDate(format) || customDates.Contains(format)))
                    result.Add(index);
                index++;
            }
        }
        return result;
    }

    /// <summary>A part in another namespace than the workbook's would read as empty: refused, so ExcelDataReader reads the file.</summary>
    private static void ExpectRoot(XmlReader reader, Names names, string part)
    {
        reader.MoveToContent();
        if (reader.NamespaceURI != names.Main)
            throw new NotUnderstoodException($"{part} in namespace '{reader.NamespaceURI}'");
    }

    private static bool IsBuiltInDate(int id) => id is >= 14 and <= 22 or >= 45 and <= 47;

    private static bool IsDateFormat(string code)
    {
        var plain = QuotedOrBracketed().Replace(code, "").ToLowerInvariant();
        return plain.IndexOfAny(['y', 'd', 'h', 's']) >= 0 || plain.Contains('m') && !plain.Contains('0') && !plain.Contains('#');
    }

    private static void ReadSheet(ZipArchiveEntry part, SheetCells cells, Names names, ReadState state)
    {
        using var reader = XmlReader.Create(part.Open(), state.Settings);
        ExpectRoot(reader, names, part.FullName);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != names.Main)
                continue;
            switch (reader.LocalName)
            {
                case "row":
                    cells.Row(reader.GetAttribute("r"), reader.GetAttribute("hidden"), reader.GetAttribute("customHeight"), reader.GetAttribute("ht"));
                    break;
                case "c":
                    // A cell of a type the reader does not know is not read; what it holds is seen as if outside a cell.
                    if (cells.StartCell(reader.GetAttribute("r"), reader.GetAttribute("t"), reader.GetAttribute("s")))
                        Cell(reader, cells, names);
                    break;
                case "mergeCell":
                    cells.Merge(reader.GetAttribute("ref"));
                    break;
            }
        }
    }

    private static void Cell(XmlReader reader, SheetCells cells, Names names)
    {
        string? value = null;
        string? inline = null;
        var formula = false;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            reader.Read();
            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
            {
                if (IsElement(reader, "v", names))
                {
                    // One builder per thread for every cell's value, not one per cell.
                    var content = ValueText ??= new StringBuilder();
                    content.Clear();
                    AppendCapped(reader, content);
                    value = content.ToString();
                }
                else if (IsElement(reader, "f", names))
                {
                    formula = true;
                    reader.Skip();
                }
                else if (IsElement(reader, "is", names))
                {
                    inline = RichText(reader, names, out var runs);
                    cells.Inline(inline, runs);
                    reader.Read();
                }
                else
                    reader.Read();
            }
        }
        cells.EndCell(value, formula, inline);
    }

    /// <summary>
    /// What a worksheet part's rows, cells and merged ranges become in the sheet, whichever reader found them: the
    /// XmlReader pass (<see cref="ReadSheet"/>) and the byte scanner (<see cref="PartScanner"/>) hand over the same
    /// attribute values and cell contents, so the two cannot read a cell differently.
    /// </summary>
    private sealed class SheetCells(RawSheet sheet, List<string> strings, HashSet<int> dateStyles, bool date1904, ReadState state, CellGuard guard)
    {
        private int _row;
        private int _column;
        private string? _type;
        private bool _isDate;

        public void Row(string? reference, string? hidden, string? customHeight, string? height)
        {
            _row = reference is null ? _row + 1 : int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
            CheckReference(sheet, _row, 1, reference);
            _column = 0;
            if (IsHiddenRow(hidden, customHeight, height))
                sheet.HiddenRows.Add(_row);
        }

        /// <summary>False for a cell of a type the reader does not know: noted (the file then goes to ExcelDataReader), not read.</summary>
        public bool StartCell(string? reference, string? type, string? style)
        {
            _column = reference is null ? _column + 1 : ColumnOf(reference);
            // The cell's own reference names its row (as ExcelDataReader reads it); one outside Excel's grid is a damaged file.
            var cellRow = reference is null ? _row : RowOf(reference);
            if (cellRow != _row || _column < 1)
                CheckReference(sheet, cellRow, _column, reference);
            _row = cellRow;
            type ??= "n";
            if (type is not ("n" or "s" or "inlineStr" or "str" or "e" or "b" or "d"))
            {
                state.NotUnderstood ??= $"cell type '{type}' at {sheet.Name}!{reference}";
                return false;
            }
            _type = type;
            _isDate = dateStyles.Contains(int.TryParse(style, out var s) ? s : 0);
            return true;
        }

        /// <summary>An inline string read in the current cell (measured where it ends, before the cell does).</summary>
        public void Inline(string text, int runs) => MeasureInline(state, text, runs, sheet.Name, _row, _column);

        public void EndCell(string? value, bool formula, string? inline)
        {
            var (row, column, type) = (_row, _column, _type!);
            if (formula && value is null && type != "inlineStr")
            {
                // Saved without calculating: Excel would show the result, the file has none. Never a silent 0.
                sheet.FormulasWithoutValue.Add((row, column));
                return;
            }
            if (type == "n" && value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                if (_isDate && SerialDate(number, date1904) is { } date)
                    guard.Add(sheet, row, column, date, null);
                else
                    guard.Add(sheet, row, column, number.ToString("R", CultureInfo.InvariantCulture), number);
                return;
            }
            var text = type switch
            {
                "s" => int.TryParse(value, out var index) && index >= 0 && index < strings.Count ? strings[index] : null,
                "inlineStr" => inline ?? (value is null ? null : Unescape(value)),
                "b" => value is null ? null : value is "1" or "true" ? "TRUE" : "FALSE",
                "d" => value is null ? null : IsoDate(value),
                // An error (#N/A, #DIV/0!) is kept as its text, so an amount cell holding one is reported, never read as 0
                // (ExcelDataReader drops it). A number cell whose value is not a number is kept as written, as ExcelDataReader does.
                _ => value is null ? null : Unescape(value),
            };
            if (!string.IsNullOrEmpty(text))
                guard.Add(sheet, row, column, text, null, countText: type != "s");
        }

        public void Merge(string? range)
        {
            if (range?.Split(':') is [var from, var to])
            {
                var (fromRow, fromColumn) = (RowOf(from), ColumnOf(from));
                var (toRow, toColumn) = (RowOf(to), ColumnOf(to));
                sheet.Merges.Add(new MergedRange(fromRow, fromColumn, toRow, toColumn));
                CellGuard.CheckMerges(sheet);
            }
        }
    }

    /// <summary>
    /// A row is hidden by hidden="1" or by a height of zero that was set by hand (ht="0" with
    /// customHeight) — ExcelDataReader's rule, which reads a zero height as hidden. Unlike it, the
    /// xsd:boolean "true" counts too: LibreOffice writes hidden="true" and customHeight="true".
    /// </summary>
    private static bool IsHiddenRow(string? hidden, string? customHeight, string? height) =>
        hidden is "1" or "true"
        || customHeight is "1" or "true" && double.TryParse(height, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h == 0;

    /// <summary>Measures an inline string; its own method so the location's closure is made only for inline strings, not for every cell.</summary>
    private static void MeasureInline(ReadState state, string text, int runs, string sheet, int row, int column) =>
        state.Measure(text, runs, () => new CellRef(sheet, row, column).ToString());

    /// <summary>
    /// A date serial as yyyy-MM-dd, the way ExcelDataReader converts it: 1900 system with Excel's
    /// leap-year bug (serials before 60 are one day later than the OLE calendar), or 1904 system.
    /// </summary>
    private static string? SerialDate(double serial, bool date1904)
    {
        var oa = date1904 ? serial + 1462 : serial is >= 0 and < 60 ? serial + 1 : serial;
        return oa is > -657435 and < 2958466 ? DateTime.FromOADate(oa).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A t="d" cell: an ISO 8601 date reads as yyyy-MM-dd; with a time part it is kept as written (as ExcelDataReader does).</summary>
    private static string IsoDate(string value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value;

    /// <summary>Column number of a reference; 0 when it has no letters, past Excel's last column when absurdly long.</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch))
                break;
            column = column * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
            if (column > InputLimits.MaxColumn)
                return InputLimits.MaxColumn + 1;
        }
        return column;
    }

    /// <summary>Row number of a reference; 0 when it has none or it does not fit.</summary>
    private static int RowOf(string reference)
    {
        var letters = 0;
        while (letters < reference.Length && char.IsAsciiLetter(reference[letters]))
            letters++;
        return int.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : 0;
    }

    private static void CheckReference(RawSheet sheet, int row, int column, string? reference)
    {
        if (row < 1 || row > InputLimits.MaxRow || column < 1 || column > InputLimits.MaxColumn)
            throw new InputLimitException(InputIds.Error(InputIds.ReferenceOutOfGrid,
                $"工作表“{Printable.Escape(sheet.Name)}”中有超出Excel表格范围的单元格引用“{Printable.Escape(reference ?? "")}”，文件已损坏，未读取。", new CellRef(sheet.Name, 1, 1)));
    }

    /// <summary>Excel writes characters XML cannot hold as _xHHHH_.</summary>
    private static string Unescape(string text) =>
        text.Contains("_x", StringComparison.Ordinal) ? Escaped().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber)).ToString()) : text;

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escaped();

    [GeneratedRegex("\"[^\"]*\"|\\[[^\\]]*\\]")]
    private static partial Regex QuotedOrBracketed();
}

/// <summary>How the fast reader reads worksheets and shared strings: the product scans them and reads with XmlReader what the scan declines; tests compare the two.</summary>
internal enum PartReading { ScanElseXmlReader, ScanOnly, XmlReaderOnly }

/// <summary>Something in the package the fast reader does not understand: the file is read by ExcelDataReader instead.</summary>
internal sealed class NotUnderstoodException(string reason) : Exception(reason);
