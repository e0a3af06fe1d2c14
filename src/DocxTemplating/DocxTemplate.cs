using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using System.Collections.Frozen;
using System.Collections.Immutable;

namespace DocxTemplating;

/// <summary>A value helper for inline tags: {{join list "、"}} → arguments in, value out.</summary>
public delegate object? ValueHelper(object?[] arguments);

/// <summary>
/// What the host gives the engine: helpers, and the data schema that unknown fields are checked
/// against. Compile takes a read-only copy (<see cref="CompiledOptions"/>): changing these afterwards
/// changes no compiled template.
/// </summary>
public sealed class TemplateOptions
{
    public Dictionary<string, ValueHelper> Helpers { get; } = new();
    public Dictionary<string, ElementHelperModule> ElementHelpers { get; } = new();

    /// <summary>
    /// Helpers whose arguments are single values, a number or a text ({{cn 3}}, {{thousands x}}): `template check` reports
    /// an object or a list given to one (TPL008), which the fill could only fail on or print as a placeholder.
    /// </summary>
    public HashSet<string> ValueArgumentHelpers { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Called on the output document after filling, e.g. to set fields to update on open. The
    /// document is open without auto-save: a finisher saves the parts it changes (the main document excepted).
    /// </summary>
    public List<Action<WordprocessingDocument>> Finishers { get; } = new();

    /// <summary>
    /// Called on each table of the document body the template fills (not one in a cell, a text box or a header) once its
    /// rows are filled, before they are written: a step that changes rows filled as text through <see cref="FilledRow"/>
    /// (column widths from their content) has them written once, where a finisher has each made again. Like a finisher, a
    /// step that fails on what the template holds is TPL020.
    /// </summary>
    public List<Action<DocumentFormat.OpenXml.Wordprocessing.Table, MainDocumentPart>> TableSteps { get; } = new();

    /// <summary>
    /// Steps that read only the template, never the data (Word's "update fields on open" setting), applied once to the
    /// template's package when it is compiled: every report starts from the prepared package instead of doing them again.
    /// Like a finisher, a step saves the parts it changes; one that fails on what the template holds is TPL020 at compile.
    /// </summary>
    public List<Action<WordprocessingDocument>> Preparations { get; } = new();

    /// <summary>The data's shape; null skips the unknown-field check (render still fails on an unknown field).</summary>
    public DataSchema? Schema { get; set; }
}

/// <summary>
/// The options a template was compiled with, frozen: a render reads these, never the caller's
/// dictionaries, which may change (or be changed from another thread) after compile.
/// </summary>
internal sealed class CompiledOptions(TemplateOptions options)
{
    public FrozenDictionary<string, ValueHelper> Helpers { get; } = options.Helpers.ToFrozenDictionary();
    public FrozenDictionary<string, ElementHelperModule> ElementHelpers { get; } = options.ElementHelpers.ToFrozenDictionary();
    public FrozenSet<string> ValueArgumentHelpers { get; } = options.ValueArgumentHelpers.ToFrozenSet(StringComparer.Ordinal);
    public ImmutableArray<Action<WordprocessingDocument>> Finishers { get; } = [.. options.Finishers];
    public ImmutableArray<Action<WordprocessingDocument>> Preparations { get; } = [.. options.Preparations];
    public ImmutableArray<Action<DocumentFormat.OpenXml.Wordprocessing.Table, MainDocumentPart>> TableSteps { get; } = [.. options.TableSteps];
    public DataSchema? Schema { get; } = options.Schema;
}

public sealed record CompileResult(DocxTemplate? Template, IReadOnlyList<TemplateDiagnostic> Problems, IReadOnlySet<string> UsedFields)
{
    /// <summary>The element helper tags (chart, publicTable, …) with the fields they read and their quoted texts.</summary>
    public IReadOnlyList<ElementUse> ElementUses { get; init; } = [];
}

/// <summary>
/// A compiled Word template: compile once (all problems reported together), render many times,
/// from several threads at once. Rendering never writes into the compiled template.
/// </summary>
public sealed class DocxTemplate
{
    private readonly byte[] _package;
    private readonly CompiledOptions _options;
    private readonly IReadOnlyDictionary<string, ContainerNode> _parts;
    private readonly bool _repeatsIds;
    private readonly FrozenSet<string> _fixedParts;
    private readonly OpenXmlElement _documentShell;
    private readonly OpenXmlElement _bodyShell;

    private DocxTemplate(byte[] package, CompiledOptions options, IReadOnlyDictionary<string, ContainerNode> parts, bool repeatsIds,
        FrozenSet<string> fixedParts, OpenXmlElement documentShell, OpenXmlElement bodyShell)
    {
        _fixedParts = fixedParts;
        _package = package;
        _options = options;
        _parts = parts;
        _repeatsIds = repeatsIds;
        _documentShell = documentShell;
        _bodyShell = bodyShell;
    }

    public string Name { get; private init; } = "";

    public static CompileResult Compile(string path, TemplateOptions options) =>
        Compile(File.ReadAllBytes(path), Path.GetFileName(path), options);

    public static CompileResult Compile(byte[] package, string name, TemplateOptions templateOptions)
    {
        var options = new CompiledOptions(templateOptions);
        package = package.ToArray();   // the caller's array may change after compile; renders start from this copy
        var problems = new List<TemplateDiagnostic>();
        var compiler = new TemplateCompiler(options, problems);
        if (TemplateLimits.PackageProblem(package) is { } tooLarge)
        {
            problems.Add(new TemplateDiagnostic(TemplateErrors.TemplateTooLarge, $"{tooLarge}{TemplateLimits.Advice}", null, ""));
            return new CompileResult(null, problems, new HashSet<string>());
        }

        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(new MemoryStream(package, writable: false), false);
            _ = document.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("没有正文。");
        }
        // InvalidOperationException, FormatException, ArgumentException: a relationship to a part that is not there (a
        // hand edit took out a footer and left its reference) or a target that is not a path, as the SDK reports them.
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException
            or InvalidOperationException or FormatException or ArgumentException)
        {
            var why = ex is InvalidOperationException ? "（文档中的关系指向了包中没有的部件，或同一部件以不同的类型被引用：多为手工编辑删去了页脚、样式等部件而留下了引用；请用 Word 打开原模板另存）" : "";
            problems.Add(new TemplateDiagnostic(TemplateErrors.SyntaxError, $"模板不是有效的 Word 文档（.docx）：{ex.Message}{why}", null, ""));
            return new CompileResult(null, problems, new HashSet<string>());
        }
        var parts = new Dictionary<string, ContainerNode>();
        var main = document.MainDocumentPart!;
        var checker = new TemplateChecker(options.Schema, options, problems);
        var checking = false;
        try
        {
            parts[main.Uri.ToString()] = compiler.CompilePart(TemplateCompiler.BodyPart, main.Document.Body!, main);
            foreach (var header in main.HeaderParts)
                parts[header.Uri.ToString()] = compiler.CompilePart($"页眉 {header.Uri}", header.Header, header);
            foreach (var footer in main.FooterParts)
                parts[footer.Uri.ToString()] = compiler.CompilePart($"页脚 {footer.Uri}", footer.Footer, footer);
            checking = true;
            foreach (var part in parts.Values)
                checker.Check(part);
        }
        catch (InsufficientExecutionStackException)
        {
            document.Dispose();
            problems.Add(TooDeep(checking ? checker.Outermost : compiler.Outermost));
            return new CompileResult(null, problems, new HashSet<string>());
        }
        problems = InDocumentOrder(problems, compiler.PartNames);
        // Parse every element now, so concurrent renders only ever read the compiled nodes.
        var roots = new OpenXmlElement[] { main.Document }.Concat(main.HeaderParts.Select(h => h.Header)).Concat(main.FooterParts.Select(f => f.Footer)).ToList();
        // Only ids that come from the template can repeat (element helpers make unique ones), so
        // a template without drawings or bookmarks needs no renumbering pass over the output.
        var repeatsIds = roots.SelectMany(r => r.Descendants()).Any(HasId);
        var fixedParts = main.HeaderParts.Select(h => (h.Uri, Root: (OpenXmlElement)h.Header)).Concat(main.FooterParts.Select(f => (f.Uri, Root: (OpenXmlElement)f.Footer)))
            .Where(p => IsFixed(parts[p.Uri.ToString()], p.Root)).Select(p => p.Uri.ToString()).ToFrozenSet();
        document.Dispose();

        var prepared = problems.Count == 0 ? Prepare(package, options.Preparations, problems) : null;
        // The document element with its namespaces, attributes and what it holds besides the body (a page colour), and the
        // body element empty: rendering builds on copies of them instead of parsing the template's document part again.
        var documentShell = main.Document.CloneNode(false);
        documentShell.Append(main.Document.ChildElements.Where(c => c is not DocumentFormat.OpenXml.Wordprocessing.Body).Select(c => c.CloneNode(true)));
        var bodyShell = main.Document.Body!.CloneNode(false);
        var result = prepared is not null
            ? new DocxTemplate(WithoutBody(prepared, documentShell, bodyShell), options, parts, repeatsIds, fixedParts, documentShell, bodyShell) { Name = name }
            : null;
        return new CompileResult(result, problems, options.Schema is null ? new SortedSet<string>() : checker.UsedFields) { ElementUses = checker.ElementUses };
    }

    private static bool HasId(OpenXmlElement element) =>
        element is DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties or DocumentFormat.OpenXml.Wordprocessing.BookmarkStart;

    /// <summary>
    /// A header or footer every report has exactly as the template has it (a page number, a department's name typed in):
    /// nothing to fill, already ending with a paragraph, no ids to renumber. Rendering leaves its part as the template's
    /// instead of parsing, copying and writing it again for every report.
    /// </summary>
    private static bool IsFixed(ContainerNode node, OpenXmlElement root) =>
        node.Children.All(c => c is CopyNode or ParagraphNode { Texts.Count: 0, TextBoxes.Count: 0 })
        && root.LastChild is DocumentFormat.OpenXml.Wordprocessing.Paragraph
        && !root.Descendants().Any(HasId);

    /// <summary>
    /// A template nested too deep for the stack, at the outermost place compiling, checking or filling was in when the stack
    /// ran short: the part's block, paragraph or table (the maintainer looks inside it for the nesting).
    /// </summary>
    private static TemplateDiagnostic TooDeep(TemplateLocation? at) => new(TemplateErrors.TemplateTooLarge,
        $"模板中的块、表格和文本框层层嵌套，超过了能处理的深度。{TemplateLimits.NestingAdvice}", at, "");

    /// <summary>
    /// Problems in the order a maintainer reads the template (part, paragraph, table cell), whichever
    /// pass found them: structure while building the tree, fields and helpers while checking it. The same problem at
    /// the same place and tag is listed once (a paragraph of 300 000 {{else}} tags listed 300 000 lines, 24 MB).
    /// </summary>
    private static List<TemplateDiagnostic> InDocumentOrder(List<TemplateDiagnostic> problems, IReadOnlyList<string> parts)
    {
        return problems
            .Distinct()
            .OrderBy(p => p.Location is null ? -1 : parts.ToList().IndexOf(p.Location.Part))
            .ThenBy(p => p.Location?.Paragraph ?? 0)
            .ThenBy(p => p.Location?.Table ?? 0).ThenBy(p => p.Location?.Row ?? 0).ThenBy(p => p.Location?.Cell ?? 0)
            .ToList();
    }

    /// <summary>Fills the template. Data is a tree of dictionaries/lists (see <see cref="DataTree"/>) or any object.</summary>
    /// <param name="finish">
    /// This report's own last step on the open output (after the template's <see cref="TemplateOptions.Finishers"/>),
    /// e.g. marking placeholders and stamping provenance: done in the same open package, so a report is
    /// unzipped, parsed and written once. Like a finisher, it saves the parts it changes except the main document.
    /// </param>
    /// <param name="spareCore">
    /// Whether rendering may take a second core (the main part written in two halves at once): where one report is made
    /// at a time; not in a batch, whose workers take a core each. The output is the same either way.
    /// </param>
    public byte[] Render(object? data, Action<WordprocessingDocument>? finish = null, bool spareCore = false)
    {
        var tree = data is null or IDictionary<string, object?> ? data : DataTree.FromObject(data);
        using var stream = new MemoryStream();
        stream.Write(_package);
        stream.Position = 0;
        IReadOnlyList<TemplateDiagnostic> problems;
        // AutoSave is off: the main part is written below without the SDK's root-level save, which
        // parses every element (thousands of unparsed table cells from element helpers) just to
        // collect namespace declarations. Whatever else rendering changes is saved where it changes.
        using (var document = WordprocessingDocument.Open(stream, true, new OpenSettings { AutoSave = false }))
        {
            // Parts made while rendering (charts, their workbooks, custom properties) are deflated fast, as the
            // template's own parts are (FlatOpc): a report is a few kB larger, and each new part's deflater
            // no longer costs more than writing it.
            document.CompressionOption = System.IO.Packaging.CompressionOption.Fast;
            var main = document.MainDocumentPart!;
            var context = new RenderContext(_options, new RenderServices(main));
            var scope = Frame<object?>.Root(tree);
            var body = (DocumentFormat.OpenXml.Wordprocessing.Body)_bodyShell.CloneNode(false);
            var root = (DocumentFormat.OpenXml.Wordprocessing.Document)_documentShell.CloneNode(true);
            root.Append(body);
            main.Document = root;
            try
            {
                Fill(body, _parts[main.Uri.ToString()], context, scope);
                foreach (var header in Filled(main.HeaderParts))
                    Fill(header.Header, _parts[header.Uri.ToString()], context, scope);
                foreach (var footer in Filled(main.FooterParts))
                    Fill(footer.Footer, _parts[footer.Uri.ToString()], context, scope);
            }
            catch (InsufficientExecutionStackException)
            {
                throw new TemplateRenderException([TooDeep(context.Outermost)]);
            }
            if (_repeatsIds)
                UniqueIds.Assign(main.Document, Filled(main.HeaderParts).Select(h => h.Header), Filled(main.FooterParts).Select(f => f.Footer));
            foreach (var finisher in _options.Finishers)
                Finish(finisher, () => StepName(finisher), document, context);
            if (finish is not null)
                Finish(finish, () => "报告的标记与出处", document, context);
            context.Services.SavePending();
            foreach (var header in Filled(main.HeaderParts))
                header.Header.Save();
            foreach (var footer in Filled(main.FooterParts))
                footer.Footer.Save();
            // Parsed and written again only when a list was restarted: a Word template's numbering part can be tens of kB.
            if (context.NumberingChanged)
                main.NumberingDefinitionsPart!.Numbering.Save();
            WriteMainPart(main, spareCore);
            problems = context.Problems;
        }
        if (problems.Count > 0)
            throw new TemplateRenderException(problems);
        return stream.ToArray();
    }

    /// <summary>
    /// The package every report starts from: the template's, with <see cref="TemplateOptions.Preparations"/> applied.
    /// Null when a step fails (its problem added); the template's own bytes when there is nothing to apply.
    /// </summary>
    private static byte[]? Prepare(byte[] package, ImmutableArray<Action<WordprocessingDocument>> steps, List<TemplateDiagnostic> problems)
    {
        if (steps.IsEmpty)
            return package;
        using var stream = new MemoryStream();
        stream.Write(package);
        stream.Position = 0;
        var failed = new List<TemplateDiagnostic>();
        try
        {
            using var document = WordprocessingDocument.Open(stream, true, new OpenSettings { AutoSave = false });
            foreach (var step in steps)
            {
                try
                {
                    step(document);
                }
                catch (Exception ex) when (ex is not (OutOfMemoryException or InsufficientExecutionStackException))
                {
                    failed.Add(new TemplateDiagnostic(TemplateErrors.RenderFailed, StepFailed($"准备模板的步骤（{StepName(step)}）", ex), null, ""));
                }
            }
        }
        // Saving what a step changed can fail on the same content (a part the SDK cannot write back).
        catch (Exception ex) when (ex is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            failed.Add(new TemplateDiagnostic(TemplateErrors.RenderFailed, StepFailed("保存准备好的模板", ex), null, ""));
        }
        problems.AddRange(failed.Distinct());
        return failed.Count == 0 ? stream.ToArray() : null;
    }

    /// <summary>
    /// The package renders start from, its document part holding only the document and body elements: every render writes
    /// that part anew from the compiled nodes, and opening the template's whole body for writing unpacked it first, only
    /// to throw it away (a long template's body is most of its package).
    /// </summary>
    private static byte[] WithoutBody(byte[] package, OpenXmlElement documentShell, OpenXmlElement bodyShell)
    {
        using var stream = new MemoryStream();
        stream.Write(package);
        stream.Position = 0;
        using (var document = WordprocessingDocument.Open(stream, true, new OpenSettings { AutoSave = false }))
        {
            var main = document.MainDocumentPart!;
            var root = (DocumentFormat.OpenXml.Wordprocessing.Document)documentShell.CloneNode(true);
            root.Append(bodyShell.CloneNode(false));
            main.Document = root;
            WriteMainPart(main, spareCore: false);
        }
        return stream.ToArray();
    }

    /// <param name="step">What failed as the maintainer reads it: 填充后的排版步骤（目录）, 准备模板的步骤（…）.</param>
    private static string StepFailed(string step, Exception ex) =>
        $"{step}无法处理模板中的内容：{ex.Message} 多为手工编辑留下的写法（如带单位的尺寸“29.7cm”）；"
        + "请在 Word 中打开模板，重新设置该处（页面、表格、样式）后另存。";

    /// <summary>The headers or footers a report fills: the others stay as the template's parts (<see cref="IsFixed"/>).</summary>
    private IEnumerable<T> Filled<T>(IEnumerable<T> parts) where T : OpenXmlPart => parts.Where(p => !_fixedParts.Contains(p.Uri.ToString()));

    private static void Finish(Action<WordprocessingDocument> step, Func<string> name, WordprocessingDocument document, RenderContext context) =>
        RunStep(() => step(document), name, context, null);

    /// <summary>
    /// A step after filling (a table step, layout, charts' height, 目录, marks) that fails on what the template holds — an
    /// attribute written in a form the step does not read, say — is the template's problem (TPL020, exit 2), never 内部错误.
    /// </summary>
    /// <param name="name">The step's name, asked only when it fails (reading a method's attributes for every step of every report cost more than the smaller steps).</param>
    /// <param name="at">Where in the template the step worked (a table step's table), when it is known.</param>
    internal static void RunStep(Action step, Func<string> name, RenderContext context, TemplateLocation? at)
    {
        try
        {
            step();
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or InsufficientExecutionStackException or TemplateRenderException))
        {
            context.Fail(at, "", StepFailed($"填充后的排版步骤（{name()}）", ex));
        }
    }

    /// <summary>
    /// What a maintainer reads for a step: its [Description] (表格列宽与附表横向页, 目录…), else its C# name —  a
    /// lambda's compiler-made name says nothing, so it is only called a layout step.
    /// </summary>
    internal static string StepName(Action<WordprocessingDocument> step) => StepName(step.Method);

    internal static string StepName(System.Reflection.MethodInfo step) =>
        step.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false) is [System.ComponentModel.DescriptionAttribute { Description: { Length: > 0 } description }, ..]
            ? description
            : step.Name.Contains('<') ? "模板的排版步骤" : $"{step.DeclaringType?.Name}.{step.Name}";

    /// <summary>The document element with the namespaces it declares, then each child as it is (unparsed ones verbatim).</summary>
    private static void WriteMainPart(MainDocumentPart main, bool spareCore)
    {
        // Written whole into a buffer the thread keeps, then into the part at once: the part's own stream, written to in
        // the XmlWriter's small pieces, grew by doubling — about three times the part's size made and cleared for nothing.
        var buffer = t_partBuffer ??= new MemoryStream(256 * 1024);
        buffer.SetLength(0);
        var root = main.Document;
        var body = root.ChildElements.Count == 1 ? root.FirstChild : null;
        // A body with attributes is written whole: the SDK prefixes them by the writer's bindings, which the start tag written
        // here for each half does not reproduce.
        var half = spareCore && Environment.ProcessorCount > 1 && body is { HasAttributes: false } ? SecondHalf(body) : null;
        // The body's second half is written by another thread meanwhile, behind the same start tags, so that it declares
        // no namespace the document's start tag does not already: its text is what one writer would have written there.
        // Its buffer is this thread's, which waits for it whatever happens, so no other report's half is written into it meanwhile.
        var halfBuffer = half is null ? null : t_halfBuffer ??= new MemoryStream(256 * 1024);
        var secondHalf = half is null ? null : Task.Run(() => WriteFrom(root, body!, half, halfBuffer!));
        if (secondHalf is not null)
            Interlocked.Increment(ref s_writtenInHalves);
        try
        {
            WriteWhole(buffer, root, body, half, secondHalf, halfBuffer);
        }
        finally
        {
            // A first half that failed leaves the second to finish before its buffer is used again.
            if (secondHalf is not null)
                ((IAsyncResult)secondHalf).AsyncWaitHandle.WaitOne();
        }
        using (var part = main.GetStream(FileMode.Create, FileAccess.Write))
            part.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        // Very large buffers are not kept.
        if (buffer.Capacity > 8 << 20)
            t_partBuffer = null;
        if (halfBuffer?.Capacity > 8 << 20)
            t_halfBuffer = null;
    }

    private static void WriteWhole(MemoryStream buffer, OpenXmlElement root, OpenXmlElement? body, OpenXmlElement? half, Task<(int From, int To)>? secondHalf,
        MemoryStream? halfBuffer)
    {
        using (var writer = System.Xml.XmlWriter.Create(buffer, WriterSettings))
        {
            writer.WriteStartDocument(true);
            if (secondHalf is null)
            {
                WriteStartTag(writer, root, root.Prefix);
                foreach (var child in root.ChildElements)
                    child.WriteTo(writer);
            }
            else
            {
                WriteStartTags(writer, root, body!);
                for (var child = body!.FirstChild; !ReferenceEquals(child, half); child = child!.NextSibling())
                    child!.WriteTo(writer);
                // Everything so far is in the buffer, ending with a whole end tag: the other half's text follows it.
                writer.Flush();
                var (from, to) = secondHalf.GetAwaiter().GetResult();
                buffer.Write(halfBuffer!.GetBuffer(), from, to - from);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
    }

    private static readonly System.Xml.XmlWriterSettings WriterSettings = new() { Encoding = new System.Text.UTF8Encoding(false) };

    /// <summary>How many main parts this process has written in two halves at once (the tests see that the way they compare was taken).</summary>
    internal static int WrittenInHalves => Volatile.Read(ref s_writtenInHalves);
    private static int s_writtenInHalves;

    /// <summary>Below this many elements a body is written by one thread: handing half over would cost more than it saves.</summary>
    private const int SplitBodyFrom = 64;

    /// <summary>
    /// The child where the second half of the body's text starts, as far as it can be told without writing it; null for a
    /// body too short to split. A report's tables, most of its text, stand towards its end, so halving the count of
    /// children would leave the second writer nine tenths of the work.
    /// </summary>
    private static OpenXmlElement? SecondHalf(OpenXmlElement body)
    {
        var weights = new List<(OpenXmlElement Child, long Weight)>();
        for (var child = body.FirstChild; child is not null; child = child.NextSibling())
            weights.Add((child, Weight(child)));
        if (weights.Count < SplitBodyFrom)
            return null;
        var (total, sum) = (weights.Sum(w => w.Weight), 0L);
        // The first child always goes to the first half and the last to the second, so each writer has something to write.
        for (var i = 0; i < weights.Count - 1; i++)
            if ((sum += weights[i].Weight) * 2 >= total)
                return i == 0 ? null : weights[i + 1].Child;
        return null;
    }

    /// <summary>
    /// About how long an element's text is: one kept as text (an element helper's table, a filled row) knows it; the rows
    /// of a parsed table are summed; any other element is guessed (a paragraph of a report is some hundreds of characters as
    /// the SDK writes it). Nothing is asked that would parse an element kept as text, which would cost more than writing it.
    /// </summary>
    private static long Weight(OpenXmlElement element)
    {
        var raw = RawXml.Of(element);
        if (raw is null)
            return 500;   // not to be told without parsing: the halves are as even as the count of children
        if (raw.Length > 0)
            return raw.Length;
        return element is DocumentFormat.OpenXml.Wordprocessing.Table table
            ? table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Sum(row => RawXml.Of(row) is { Length: > 0 } text ? text.Length : 1500L)
            : 500;
    }

    /// <summary>The text of <paramref name="body"/>'s children from <paramref name="first"/> on, written into <paramref name="text"/> between From and To, after the start tags.</summary>
    private static (int From, int To) WriteFrom(OpenXmlElement root, OpenXmlElement body, OpenXmlElement first, MemoryStream text)
    {
        text.SetLength(0);
        using var writer = System.Xml.XmlWriter.Create(text, HalfSettings);
        WriteStartTags(writer, root, body);
        // Closes the body's start tag (">") without writing anything, so that the half's own text starts after it.
        writer.WriteString("");
        writer.Flush();
        var from = (int)text.Length;
        for (var child = first; child is not null; child = child.NextSibling())
            child.WriteTo(writer);
        writer.Flush();
        // The writer's end tags, written when it is disposed, fall after what the caller copies.
        return (from, (int)text.Length);
    }

    private static readonly System.Xml.XmlWriterSettings HalfSettings = new() { Encoding = new System.Text.UTF8Encoding(false), OmitXmlDeclaration = true };

    [ThreadStatic] private static MemoryStream? t_halfBuffer;

    /// <summary>The document's and the body's start tags, the same for either half, so both halves name namespaces alike.</summary>
    private static void WriteStartTags(System.Xml.XmlWriter writer, OpenXmlElement root, OpenXmlElement body)
    {
        WriteStartTag(writer, root, root.Prefix);
        WriteStartTag(writer, body, PrefixAsWrittenBySdk(writer, body));
    }

    private static void WriteStartTag(System.Xml.XmlWriter writer, OpenXmlElement element, string prefix)
    {
        writer.WriteStartElement(prefix, element.LocalName, element.NamespaceUri);
        foreach (var declaration in element.NamespaceDeclarations)
            writer.WriteAttributeString("xmlns", declaration.Key, null, declaration.Value);
        foreach (var attribute in element.GetAttributes())
            writer.WriteAttributeString(attribute.Prefix, attribute.LocalName, attribute.NamespaceUri, attribute.Value);
    }

    /// <summary>
    /// The prefix the SDK's own WriteTo gives the element, as one writer writes the body: the element's own declaration of
    /// its namespace, else the writer's binding in scope (the later one, where the document binds it to two prefixes), else
    /// the SDK's usual prefix. The element's Prefix looks the tree up instead and may name another of the two.
    /// </summary>
    private static string PrefixAsWrittenBySdk(System.Xml.XmlWriter writer, OpenXmlElement element)
    {
        var uri = element.NamespaceUri;
        var prefix = element.NamespaceDeclarations.FirstOrDefault(declaration => declaration.Value == uri).Key;
        if (string.IsNullOrEmpty(prefix))
            prefix = writer.LookupPrefix(uri);
        // Detached, the element's Prefix finds no binding above it and is the SDK's usual one.
        return string.IsNullOrEmpty(prefix) ? element.CloneNode(false).Prefix : prefix;
    }

    [ThreadStatic] private static MemoryStream? t_partBuffer;

    private static void Fill(OpenXmlElement root, ContainerNode node, RenderContext context, Frame<object?> scope)
    {
        var rendered = node.Render(context, scope, part: true);
        root.RemoveAllChildren();
        root.Append(rendered);
        if (root is DocumentFormat.OpenXml.Wordprocessing.Header or DocumentFormat.OpenXml.Wordprocessing.Footer)
            TextWriting.EnsureEndsWithParagraph(root);
    }
}
