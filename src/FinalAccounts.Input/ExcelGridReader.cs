using System.Globalization;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// Reads every sheet of an .xlsx or .xls file into <see cref="RawSheet"/>s: .xlsx packages with
/// <see cref="XlsxGridReader"/>, everything else (.xls, encrypted files, and an .xlsx holding
/// something the fast reader does not understand) with ExcelDataReader.
/// User mistakes (empty, encrypted, damaged or non-workbook files) come back as one diagnostic;
/// nothing here throws for them and the file is opened read-only.
/// </summary>
public static class ExcelGridReader
{
    static ExcelGridReader()
    {
        // .xls files carry text in legacy code pages (GBK for Chinese workbooks).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static (IReadOnlyList<RawSheet> Sheets, Diagnostic? Problem) Read(string path)
    {
        var (sheets, problem, findings) = ReadWithFindings(path);
        return (sheets, problem ?? findings.FirstOrDefault(f => f.Severity == Severity.Error));
    }

    /// <summary>
    /// The sheets, the problem that stopped reading (the file as a whole), and findings about the
    /// workbook that did not (sheet names cleaned or too long). Cell findings are on each sheet.
    /// </summary>
    /// <param name="spareCore">
    /// Whether reading may take a second core: yes where one report is made at a time, no in a batch that already gives each
    /// core a workbook. Either way the sheets and findings are the same.
    /// </param>
    public static (IReadOnlyList<RawSheet> Sheets, Diagnostic? Problem, IReadOnlyList<Diagnostic> Findings) ReadWithFindings(string path, bool spareCore = false)
    {
        var name = Printable.Escape(Path.GetFileName(path));
        var findings = new List<Diagnostic>();
        if (!File.Exists(path))
            return ([], InputIds.Error(InputIds.FileUnreadable, Directory.Exists(path) ? $"“{name}”是文件夹，不是工作簿文件。" : $"找不到文件“{name}”。"), findings);
        // A named pipe, device or socket would block the read forever or never end: only regular files are opened.
        if (!IsRegularFile(path))
            return ([], InputIds.Error(InputIds.FileUnreadable, $"“{name}”不是普通文件（可能是管道或设备），未读取。"), findings);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (file.Length == 0)
                return ([], InputIds.Error(InputIds.FileUnreadable, $"文件“{name}”是空文件（0字节），请重新导出工作簿。"), findings);
            if (file.Length > InputLimits.MaxFileBytes)
                return ([], InputIds.Error(InputIds.FileTooLarge,
                    $"文件“{name}”有 {file.Length / 1024 / 1024} MB，超过 {InputLimits.MaxFileBytes / 1024 / 1024} MB 的上限（决算工作簿通常只有几 MB），未读取。"), findings);
            // Read whole (within the limit just checked) and parsed from memory: the package is opened part by part, and
            // each part opened from the file asked the system for the file's length again. One read also gives one
            // version of a file that is being replaced while it is read.
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            using var stream = new MemoryStream(bytes, writable: false);
            if (ExpandsTooFar(stream) is { } expanded)
                return ([], InputIds.Error(InputIds.TooLarge,
                    $"文件“{name}”解压后约 {expanded / 1024 / 1024} MB，超过 {MaxExpandedBytes / 1024 / 1024} MB 的上限，疑似损坏或被构造的文件，未读取。"), findings);
            stream.Position = 0;
            var guard = new CellGuard();
            if (IsZip(stream))
            {
                try
                {
                    var sheets = XlsxGridReader.Read(stream, guard, findings, spareCore: spareCore);
                    return sheets is null
                        ? ([], InputIds.Error(InputIds.NotAWorkbook, $"文件“{name}”不是Excel工作簿（.xlsx或.xls），请确认文件类型。"), findings)
                        : (sheets, null, findings);
                }
                catch (NotUnderstoodException)
                {
                    // Read again from the start by ExcelDataReader, with nothing counted or found by the first attempt.
                    (guard, findings) = (new CellGuard(), []);
                    stream.Position = 0;
                }
            }
            return (ReadSheets(stream, guard, findings), null, findings);
        }
        catch (InputLimitException limit)
        {
            return ([], limit.Finding, findings);
        }
        catch (InvalidPasswordException)
        {
            return ([], InputIds.Error(InputIds.Encrypted, $"文件“{name}”设置了打开密码，请在Excel中取消密码后再提交。"), findings);
        }
        catch (HeaderException)
        {
            return ([], InputIds.Error(InputIds.NotAWorkbook, $"文件“{name}”不是Excel工作簿（.xlsx或.xls），请确认文件类型。"), findings);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ([], InputIds.Error(InputIds.FileUnreadable, $"无法打开文件“{name}”：{ex.Message}"), findings);
        }
        catch (Exception ex) when (ex is InvalidDataException or ExcelReaderException or FormatException
                                       or NotSupportedException or InvalidOperationException or ArgumentException
                                       or IndexOutOfRangeException or NullReferenceException or System.Xml.XmlException)
        {
            // ExcelDataReader signals a truncated or damaged package with assorted exception types.
            return ([], InputIds.Error(InputIds.Corrupt, $"文件“{name}”已损坏或不完整，无法读取，请重新导出或另存后再提交。"), findings);
        }
    }

    /// <summary>
    /// A real 决算 workbook expands to a few MB; anything past this is refused before it is
    /// decompressed, so a small "zip bomb" costs neither time nor memory.
    /// </summary>
    public const long MaxExpandedBytes = InputLimits.MaxExpandedBytes;

    /// <summary>True for a regular file (or a link to one); false for pipes, sockets and devices.</summary>
    public static bool IsRegularFile(string path) => UnixFile.IsRegular(path);

    private static bool IsZip(Stream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        var zip = stream.Read(magic) == 2 && magic[0] == (byte)'P' && magic[1] == (byte)'K';
        stream.Position = 0;
        return zip;
    }

    private static long? ExpandsTooFar(Stream stream)
    {
        if (!IsZip(stream))
            return null;   // not a zip package (.xls, or not a workbook at all): ExcelDataReader decides
        using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
        var total = zip.Entries.Sum(e => e.Length);
        return total > MaxExpandedBytes ? total : null;
    }

    /// <summary>ExcelDataReader's view of any workbook (.xlsx, .xls); tests hold the fast .xlsx reader to it.</summary>
    internal static List<RawSheet> ReadWithExcelDataReader(Stream stream) => ReadSheets(stream, new CellGuard(), []);

    /// <summary>The largest grid of a .xls sheet (65 536 rows × 256 columns).</summary>
    private const long MaxFieldsPerSheet = 65_536L * 256;

    private static List<RawSheet> ReadSheets(Stream stream, CellGuard guard, List<Diagnostic> findings)
    {
        var sheets = new List<RawSheet>();
        using var reader = ExcelReaderFactory.CreateReader(stream);
        do
        {
            var sheet = new RawSheet(CellGuard.SheetName(reader.Name ?? "", findings), reader.VisibleState != "visible");
            // ExcelDataReader visits every field of every row: an .xlsx it reads in place of the fast reader may not
            // have a used range larger than any .xls can (a stray far cell would cost billions of empty fields).
            if ((long)reader.RowCount * reader.FieldCount > MaxFieldsPerSheet)
                throw new InputLimitException(InputIds.Error(InputIds.TooManyCells,
                    $"工作表“{Printable.Escape(sheet.Name)}”的使用范围达 {reader.RowCount:N0} 行 × {reader.FieldCount:N0} 列，而工作簿含有只能以兼容方式读取的内容，疑似损坏或被构造的文件，未读取。请在Excel或WPS中删除远处的无关单元格、另存为 .xlsx 后再提交。",
                    new CellRef(sheet.Name, 1, 1)));
            var row = 0;
            while (reader.Read())
            {
                row++;
                if (reader.RowHeight == 0)
                    sheet.HiddenRows.Add(row);
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    var cell = ToRawCell(row, column + 1, reader.GetValue(column));
                    if (cell is not null)
                        guard.Add(sheet, cell.Row, cell.Column, cell.Text, cell.Number);
                }
            }
            if (reader.MergeCells is { } merges)
                foreach (var m in merges)
                    sheet.Merges.Add(new MergedRange(m.FromRow + 1, m.FromColumn + 1, m.ToRow + 1, m.ToColumn + 1));
            CellGuard.CheckMerges(sheet);
            sheets.Add(sheet);
        } while (reader.NextResult());
        return sheets;
    }

    private static RawCell? ToRawCell(int row, int column, object? value) => value switch
    {
        null => null,
        double d => new RawCell(row, column, d.ToString("R", CultureInfo.InvariantCulture), d),
        int i => new RawCell(row, column, i.ToString(CultureInfo.InvariantCulture), i),
        bool b => new RawCell(row, column, b ? "TRUE" : "FALSE", null),
        DateTime t => new RawCell(row, column, t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null),
        string s when s.Length == 0 => null,
        _ => new RawCell(row, column, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", null),
    };
}
