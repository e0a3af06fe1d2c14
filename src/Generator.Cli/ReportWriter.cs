using DocxTemplating;
using FinalAccounts.Calculation;
using FinalAccounts.Model;
using FinalAccounts.Report;

namespace Generator.Cli;

/// <summary>What generating one report produced: every finding, the files written, and whether it succeeded.</summary>
public sealed record GenerateResult(IReadOnlyList<Diagnostic> Findings, IReadOnlyList<string> TemplateProblems, string? Docx, string? Pdf, string? Failure)
{
    /// <summary>"{部门名称}{年度}年度部门决算", for naming outputs in batch and watch; null before the workbook was understood.</summary>
    public string? ReportTitle { get; init; }

    /// <summary>How many Word comments the review copy carries (0 for the plain report).</summary>
    public int Comments { get; init; }

    /// <summary>Why the 目录 has no page numbers (no LibreOffice, or the layout failed); null when it has them or none were asked for.</summary>
    public string? LayoutNote { get; init; }

    /// <summary>Fonts of the template this machine lacks, so the PDF was set in others (empty without --pdf).</summary>
    public IReadOnlyList<string> MissingFonts { get; init; } = [];

    public bool Succeeded => Docx is not null && Failure is null;
    public int ExitCode => !Succeeded ? ExitCodes.Errors : Findings.Any(f => f.NeedsAttention) ? ExitCodes.Warnings : ExitCodes.Clean;
}

/// <summary>A report filled in memory: its findings, the document (null when it could not be made) and its model.</summary>
public sealed record BuiltReport(IReadOnlyList<Diagnostic> Findings, IReadOnlyList<string> TemplateProblems, byte[]? Document, ReportModel? Model, string? Failure, int Comments);

/// <summary>A compiled report template with its settings: compiled once, used for many workbooks.</summary>
public sealed record CompiledReportTemplate(DocxTemplate Template, CalculationSettings Settings, string Name)
{
    /// <summary>The named texts and user tables the template places: those the workbook lacks are findings of this template's reports.</summary>
    public TemplateNeeds Needs { get; init; } = TemplateNeeds.None;

    /// <summary>The template's files as one hash (<see cref="ReportProvenance.TemplateIdentityOf"/>), recorded in each report.</summary>
    public string Identity { get; init; } = "";

    /// <summary>
    /// The template folder compiled against the view model, with its settings: or, for anything a
    /// maintainer got wrong (path, file, settings.json, tags), every problem as a line — never an exception.
    /// </summary>
    public static (CompiledReportTemplate? Template, IReadOnlyList<string> Problems) Load(string templatePath)
    {
        var loaded = ReportTemplate.Load(templatePath, ReportTemplate.Options(ReportTemplate.ViewModelSchema));
        if (loaded.Template is null || loaded.Settings is null)
            return (null, loaded.Problems.Select(p => p.Format(loaded.Name)).ToList());
        string identity;
        try
        {
            identity = ReportProvenance.TemplateIdentityOf(templatePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [TemplateDiagnostic.OfFile(TemplateErrors.TemplateUnreadable, templatePath, null, $"模板目录中有文件无法读取：{ex.Message}").Format(loaded.Name)]);
        }
        return (new CompiledReportTemplate(loaded.Template, loaded.Settings, loaded.Name) { Identity = identity, Needs = loaded.Needs }, []);
    }

    /// <summary>
    /// The default template. Installed, it is the one shipped next to the program. Run from a build output
    /// inside the source tree (bin/… below Generator.sln), the copy next to the program is only as new as the
    /// last build, so the source's templates/default is used instead: an edited template takes effect
    /// without a rebuild, and a stale copy is never used.
    /// </summary>
    public static string DefaultPath =>
        SourceTemplate ?? new[] { ShippedPath, Path.Combine(Directory.GetCurrentDirectory(), "templates", "default") }.FirstOrDefault(Directory.Exists) ?? ShippedPath;

    private static string ShippedPath => Path.Combine(AppContext.BaseDirectory, "templates", "default");

    /// <summary>templates/default of the source tree this program was built from, when it runs from its build output.</summary>
    private static string? SourceTemplate { get; } = FindSourceTemplate();

    private static string? FindSourceTemplate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory).Parent; dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Generator.sln")) && Directory.Exists(Path.Combine(dir.FullName, "templates", "default")))
                return Path.Combine(dir.FullName, "templates", "default");
        return null;
    }

    /// <summary>
    /// The template a command was given (the default one when none), compiled; its problems, or a note on
    /// which default was used, written to the command's output. Null when the command cannot go on.
    /// </summary>
    public static CompiledReportTemplate? LoadForCommand(string? templatePath, TextWriter output, string refusal)
    {
        if (templatePath is null && DefaultChoiceNote() is { } note)
            output.WriteLine(note);
        var (template, problems) = Load(templatePath ?? DefaultPath);
        if (template is not null)
            return template;
        foreach (var problem in problems)
            output.WriteLine(problem);
        output.WriteLine(refusal);
        return null;
    }

    /// <summary>
    /// When no --template was given and ./templates/default differs from the default template used (an
    /// installed program run in a folder with its own templates, or another clone's build), a line naming
    /// the template used and how to use the other; null when there is nothing to say.
    /// </summary>
    public static string? DefaultChoiceNote()
    {
        var used = DefaultPath;
        var here = Path.Combine(Directory.GetCurrentDirectory(), "templates", "default");
        if (!Directory.Exists(used) || !Directory.Exists(here) || Path.GetFullPath(used) == Path.GetFullPath(here))
            return null;
        static byte[] Content(string folder) => Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .SelectMany(f => System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(f)).Concat(File.ReadAllBytes(f))).ToArray();
        try
        {
            if (Content(used).AsSpan().SequenceEqual(Content(here)))
                return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var whose = SourceTemplate is null ? "程序自带的模板" : "生成本程序的源目录中的模板";
        return $"提示：使用的是{whose} {used}；当前目录的 templates/default 与之不同，要用它请加 --template templates/default。";
    }
}

/// <summary>
/// Workbook → report: read, check, calculate, fill, save. Nothing is written when the checks find
/// errors; files are written under a temporary name and renamed; the workbook is only read.
/// </summary>
public static class ReportWriter
{
    /// <param name="layout">Without --pdf: lay the report out once with LibreOffice (when installed) so the 目录 has its page numbers.</param>
    /// <param name="stages">When given, each stage's time is recorded in it (the bench).</param>
    /// <param name="spareCore">
    /// Whether making this report may take a second core (reading the workbook's sheets two at once): false in a batch,
    /// whose workers already take a core each.
    /// </param>
    public static GenerateResult Generate(string workbookPath, CompiledReportTemplate template, string docxPath, bool pdf = false, bool trace = false,
        bool review = false, bool layout = false, StageTimes? stages = null, bool spareCore = true)
    {
        var built = Build(workbookPath, template, review, stages, spareCore);
        if (built.Document is null)
            return new GenerateResult(built.Findings, built.TemplateProblems, null, null, built.Failure);
        var document = built.Document;
        string? pdfPath = null;
        string? failure = null;
        IReadOnlyList<string> missingFonts = [];
        string? layoutNote = null;
        if (pdf)
        {
            (document, pdfPath, failure) = WithPdf(document, docxPath);
            if (pdfPath is not null)
                missingFonts = LibreOffice.MissingFonts(document);
        }
        else if (layout)
            (document, layoutNote) = WithLayout(document);
        AtomicFile.Write(docxPath, temp => File.WriteAllBytes(temp, document));
        stages?.Done("write the .docx");
        if (trace)
            AtomicFile.WriteAllText(Path.ChangeExtension(docxPath, ".trace.txt"), string.Join("\n", ModelTrace.Lines(built.Model!)) + "\n");
        return new GenerateResult(built.Findings, [], docxPath, pdfPath, failure)
        {
            ReportTitle = $"{built.Model!.Department.Name}{built.Model.Department.Year}年度部门决算",
            Comments = built.Comments,
            MissingFonts = missingFonts,
            LayoutNote = layoutNote,
        };
    }

    /// <summary>
    /// The report in memory, nothing written: what `generate` writes and what `validate` reports
    /// (the same findings, each placeholder's finding naming the heading its mark stands under).
    /// </summary>
    public static BuiltReport Build(string workbookPath, CompiledReportTemplate template, bool review = false, StageTimes? stages = null,
        bool spareCore = true)
    {
        var stage = ReportPipeline.Calculate(workbookPath, template.Settings, stages, template.Needs, spareCore);
        if (stage.Model is null)
            return new BuiltReport(stage.Findings, [], null, null, "工作簿有错误，未生成报告。", 0);
        Probe? probe = null;
        if (review)
        {
            probe = ReportMarks.ProbeTree(stage.Model, DataTree.FromObject(stage.Model)!);
            try
            {
                probe = probe with { Document = template.Template.Render(probe.Tree) };
            }
            catch (TemplateRenderException ex)
            {
                return new BuiltReport(stage.Findings, ex.Problems.Select(p => p.Format(template.Name)).ToList(), null, stage.Model, "模板填充失败，未生成报告。", 0);
            }
        }
        // Filled, marked and stamped in one open package: the report is parsed and written once.
        var source = new ReportProvenance(Path.GetFileName(workbookPath), ReportProvenance.Sha256Of(workbookPath), template.Identity);
        (IReadOnlyList<Diagnostic> Findings, int Comments) marked = (stage.Findings, 0);
        var data = DataTree.FromObject(stage.Model);
        stages?.Done("view model → data tree, hash the workbook");
        byte[] document;
        try
        {
            document = template.Template.Render(data, word =>
            {
                marked = ReportMarks.Apply(word, stage.Marks, stage.Findings, template.Settings, review, probe);
                // Stamped last, so the document records exactly which workbook and template it was made from.
                source.StampInto(word);
            }, spareCore);
        }
        catch (TemplateRenderException ex)
        {
            return new BuiltReport(stage.Findings, ex.Problems.Select(p => p.Format(template.Name)).ToList(), null, stage.Model, "模板填充失败，未生成报告。", 0);
        }
        stages?.Done("render (fill, charts, layout, marks, package)");
        return new BuiltReport(marked.Findings, [], document, stage.Model, null, marked.Comments);
    }

    /// <summary>
    /// The 目录's page numbers without a PDF: one LibreOffice layout of the draft tells on which page each
    /// heading falls. Without LibreOffice the numbers are left to Word/WPS, which update the 目录 on opening.
    /// </summary>
    private static (byte[] Document, string? Note) WithLayout(byte[] document)
    {
        if (!LibreOffice.IsAvailable)
            return (document, LayoutPass.Unavailable);
        return WorkFolder.Use(work =>
        {
            var (numbered, problem) = PageNumbered(document, work);
            return (numbered, problem is null ? null : LayoutPass.Failed(problem));
        });
    }

    /// <summary>
    /// Lays the report out once with LibreOffice to learn on which page each heading falls, writes
    /// those numbers into the 目录, and exports the PDF of the finished document.
    /// </summary>
    private static (byte[] Document, string? Pdf, string? Failure) WithPdf(byte[] document, string docxPath)
    {
        if (!LibreOffice.IsAvailable)
            return (document, null, "未安装 LibreOffice（soffice），只生成了 .docx；请安装 libreoffice-writer 后使用 --pdf。");
        return WorkFolder.Use<(byte[], string?, string?)>(work =>
        {
            var (numbered, problem) = PageNumbered(document, work);
            if (problem is not null)
                return (document, null, problem);
            var final = Path.Combine(work, "final.docx");
            File.WriteAllBytes(final, numbered);
            var finalPdf = Path.Combine(work, "final.pdf");
            if (LibreOffice.ConvertToPdf(final, finalPdf) is { } again)
                return (numbered, null, again);
            var pdfPath = Path.ChangeExtension(docxPath, ".pdf");
            AtomicFile.Write(pdfPath, temp => File.Copy(finalPdf, temp, overwrite: true));
            return (numbered, pdfPath, null);
        });
    }

    /// <summary>The draft laid out once: the document with its 目录 page numbers, or why LibreOffice could not.</summary>
    private static (byte[] Document, string? Problem) PageNumbered(byte[] document, string work)
    {
        var draft = Path.Combine(work, "report.docx");
        File.WriteAllBytes(draft, document);
        var draftPdf = Path.Combine(work, "draft.pdf");
        if (LibreOffice.ConvertToPdf(draft, draftPdf) is { } problem)
            return (document, problem);
        return (LayoutPass.Numbered(document, draftPdf), null);
    }
}
