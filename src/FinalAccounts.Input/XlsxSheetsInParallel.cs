using System.Buffers;
using System.IO.Compression;
using FinalAccounts.Model;

namespace FinalAccounts.Input;

internal static partial class XlsxGridReader
{
    /// <summary>
    /// Above this many bytes of worksheets in all, they are read one after another, each inflated only when its turn comes:
    /// reading them at once holds every worksheet inflated in memory.
    /// </summary>
    private const long MaxBytesInParallel = 16L * 1024 * 1024;

    /// <summary>How many workbooks this process has read with two threads (the tests see that the way they compare was taken).</summary>
    internal static int ReadInParallel => Volatile.Read(ref s_readInParallel);
    private static int s_readInParallel;

    private sealed class SheetJob(RawSheet sheet, ZipArchiveEntry part)
    {
        public RawSheet Sheet { get; } = sheet;
        public ZipArchiveEntry Part { get; } = part;
        public byte[]? Buffer { get; set; }
        public int Length { get; set; }

        /// <summary>What this worksheet's cells counted and noted, added to the workbook's in sheet order once all are read.</summary>
        public CellGuard Guard { get; } = new();
        public ReadState Notes { get; } = new();
    }

    /// <summary>
    /// The worksheets scanned by two threads at once, with the same outcome as reading them in order: each sheet counts and
    /// notes on its own, and the counts and notes join the workbook's in sheet order. Anything unusual — a worksheet the
    /// scanner declines or finds damaged, a limit passed, a workbook too large to hold inflated — gives null, with nothing
    /// found or counted, and the caller reads in order, which then says what and where exactly as it always has.
    /// </summary>
    private static List<RawSheet>? InParallel(ZipArchive zip, ZipArchiveEntry workbook, Names names, Dictionary<string, string> targets,
        List<string> strings, HashSet<int> dateStyles, ReadState state, CellGuard guard, List<Diagnostic> findings)
    {
        var findingsBefore = findings.Count;
        var jobs = new List<SheetJob>();
        try
        {
            var sheets = new List<RawSheet>();
            long bytes = 0;
            foreach (var (sheet, part) in SheetsOf(zip, workbook, names, targets, state, findings))
            {
                if (part is not null)
                {
                    jobs.Add(new SheetJob(sheet, part));
                    bytes += part.Length;
                }
                sheets.Add(sheet);
            }
            if (jobs.Count < 2 || bytes > MaxBytesInParallel)
                return Undo();
            // Inflated by this thread: an archive's entries are not to be opened by two threads at once.
            foreach (var job in jobs)
                (job.Buffer, job.Length) = PartScanner.Inflate(job.Part);
            var order = Enumerable.Range(0, jobs.Count).OrderByDescending(i => jobs[i].Length).ToArray();
            var (next, failed) = (-1, 0);
            void Scan()
            {
                int i;
                while (Volatile.Read(ref failed) == 0 && (i = Interlocked.Increment(ref next)) < order.Length)
                {
                    var job = jobs[order[i]];
                    try
                    {
                        PartScanner.ScanWorksheet(job.Buffer!, job.Length, names.Main,
                            new SheetCells(job.Sheet, strings, dateStyles, names.Date1904, job.Notes, job.Guard));
                    }
                    catch (Exception)
                    {
                        // Said again, in order, by the read that follows.
                        Volatile.Write(ref failed, 1);
                    }
                }
            }
            var helper = Task.Run(Scan);
            Scan();
            helper.Wait();
            if (failed != 0)
                return Undo();
            var total = new CellGuard();
            if (!total.Absorb(guard) || !jobs.All(job => total.Absorb(job.Guard)))
                return Undo();
            foreach (var job in jobs)
            {
                guard.Absorb(job.Guard);
                state.NotUnderstood ??= job.Notes.NotUnderstood;
                state.Oversized ??= job.Notes.Oversized;
            }
            Interlocked.Increment(ref s_readInParallel);
            return sheets;
        }
        catch (Exception)
        {
            return Undo();
        }
        finally
        {
            foreach (var job in jobs)
                if (job.Buffer is { } buffer)
                    ArrayPool<byte>.Shared.Return(buffer);
        }

        List<RawSheet>? Undo()
        {
            findings.RemoveRange(findingsBefore, findings.Count - findingsBefore);
            return null;
        }
    }
}
