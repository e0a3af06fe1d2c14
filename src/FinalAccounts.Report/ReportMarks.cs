using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using FinalAccounts.Calculation;
using FinalAccounts.Model;

namespace FinalAccounts.Report;

/// <summary>
/// After the template is filled: every placeholder is set in the template's placeholder character
/// style, each finding behind a placeholder learns the heading it stands under, and in a review copy
/// Word comments (author 生成器) explain every placeholder and warning and list each narrative
/// paragraph's figures with the cells they were computed from.
/// </summary>
public static class ReportMarks
{
    public const string Author = "生成器";
    private const string FallbackStyleId = "Placeholder";

    /// <summary>
    /// Marks a document open for rendering (<see cref="DocxTemplating.DocxTemplate.Render"/>'s last step): the
    /// parts it adds or changes besides the main document (styles, comments) are saved here; the main document is the caller's to write.
    /// </summary>
    /// <param name="probe">For a review copy: the same template filled from <see cref="ProbeTree"/>, whose tokens tell which figures each paragraph prints.</param>
    public static (IReadOnlyList<Diagnostic> Findings, int Comments) Apply(WordprocessingDocument word, IReadOnlyList<Mark> marks,
        IReadOnlyList<Diagnostic> findings, CalculationSettings settings, bool review, Probe? probe = null)
    {
        if (!review && marks.Count == 0)
            return (findings, 0);
        var pattern = PlaceholderPattern(settings.MissingReasonPlaceholder);
        var main = word.MainDocumentPart!;
        var styleId = PlaceholderStyleId(main, settings.PlaceholderStyle);
        var body = main.Document.Body!;
        var placed = new List<(Run Run, string Text, string Heading)>();
        var narrative = new List<Paragraph>();
        var headings = new string[10];
        var deepest = 0;
        // A template row filled as text is entered (parsed) only when its text may hold a placeholder or a heading.
        var placeholderXml = new System.Text.StringBuilder();
        XmlText.Append(placeholderXml, settings.MissingReasonPlaceholder.Split("{0}")[0]);   // as the row's text holds it
        var placeholderStart = placeholderXml.ToString();
        bool MayHoldMark(DocxTemplating.FilledRow row) =>
            placeholderStart.Length == 0 || row.Xml.Contains(placeholderStart, StringComparison.Ordinal) || row.Xml.Contains("\"Heading", StringComparison.Ordinal);
        foreach (var (paragraph, texts) in FilledBody.ParagraphsWithTexts(body, MayHoldMark))   // a list made before any paragraph is changed
        {
            var level = HeadingLevel(paragraph);
            if (level > 0)
            {
                headings[level] = ParagraphText(paragraph);
                for (var l = level + 1; l < headings.Length; l++)
                    headings[l] = "";
                deepest = level;
            }
            var heading = deepest switch
            {
                0 => "封面",
                >= 3 when headings[deepest - 1].Length > 0 => $"{headings[deepest - 1]}　{headings[deepest]}",
                _ => headings[deepest],
            };
            foreach (var (run, text) in MarkPlaceholders(texts, pattern, styleId))
                placed.Add((run, text, heading));
            // Only the review copy's comments need the narrative paragraphs (asking walks up to the body for each).
            if (review && IsNarrative(paragraph))
                narrative.Add(paragraph);
        }

        // Each finding behind a placeholder names where its mark is, or says this template shows none: then the
        // report lacks nothing for it, so it is information, not a warning (a region's template that leaves out a
        // line, e.g. 单价50万元以上通用设备, does not make every report of that region "need attention").
        var where = new Dictionary<Diagnostic, List<string>>(ReferenceEqualityComparer.Instance);
        foreach (var m in marks)
            where[m.Finding] = placed.Where(p => p.Text == m.Placeholder).Select(p => p.Heading).Distinct().ToList();
        // A finding that exists only because the template named a text or table it then did not print is no finding;
        // any other finding whose mark the report does not show is information, not a warning.
        var unshown = marks.Where(m => m.OnlyWhenShown && where[m.Finding].Count == 0).Select(m => m.Finding).ToHashSet(ReferenceEqualityComparer.Instance);
        var listed = findings.ToHashSet(ReferenceEqualityComparer.Instance);
        var shownOnly = marks.Where(m => m.OnlyWhenShown && where[m.Finding].Count > 0 && !listed.Contains(m.Finding)).Select(m => m.Finding)
            .Distinct(ReferenceEqualityComparer.Instance).Cast<Diagnostic>();
        var kept = findings.Where(f => !unshown.Contains(f)).Concat(shownOnly).ToList();
        var byFinding = new Dictionary<Diagnostic, Diagnostic>(ReferenceEqualityComparer.Instance);
        foreach (var f in kept)
            byFinding[f] = !where.TryGetValue(f, out var at) ? f
                : at.Count > 0 ? f with { Message = f.Message + $"报告“{string.Join("”“", at)}”中显示待填写标记。" }
                : f with { Severity = f.Severity == Severity.Warning ? Severity.Info : f.Severity, Message = f.Message + "本报告不需要此项，报告中无标记。" };

        var comments = review ? AddComments(main, body, placed, narrative, marks, kept, byFinding, probe) : 0;
        return (kept.Select(f => byFinding[f]).ToList(), comments);
    }

    /// <summary>"【待填写：{0}】" → a pattern matching any placeholder of that form.</summary>
    public static Regex PlaceholderPattern(string format)
    {
        // A template's format is the same for every report it makes: its pattern is built once, not once per report.
        if (_lastPattern is { } last && last.Format == format)
            return last.Pattern;
        var parts = format.Split("{0}");
        var pattern = new Regex(Regex.Escape(parts[0]) + ".+?" + (parts.Length > 1 ? Regex.Escape(parts[1]) : ""), RegexOptions.CultureInvariant);
        _lastPattern = new PatternOfFormat(format, pattern);   // replaced whole, read whole: safe across batch workers
        return pattern;
    }

    private sealed record PatternOfFormat(string Format, Regex Pattern);

    private static PatternOfFormat? _lastPattern;

    /// <summary>The id of the template's character style named <paramref name="name"/>; added with the default look when the template has none.</summary>
    public static string PlaceholderStyleId(MainDocumentPart main, string name)
    {
        var existing = ReportStyles.Of(main)?.Elements<Style>().FirstOrDefault(s => s.Type?.Value == StyleValues.Character && s.StyleName?.Val?.Value == name);
        if (existing?.StyleId?.Value is { } id)
            return id;
        var stylesPart = main.StyleDefinitionsPart ?? main.AddNewPart<StyleDefinitionsPart>();
        stylesPart.Styles ??= new Styles();
        // The template's style renamed in Word keeps the id Placeholder: the added style takes one no style has, since
        // a style sheet with an id twice fails Office's schema check.
        var taken = stylesPart.Styles.Elements<Style>().Select(s => s.StyleId?.Value).ToHashSet(StringComparer.Ordinal);
        var styleId = FallbackStyleId;
        for (var n = 2; taken.Contains(styleId); n++)
            styleId = FallbackStyleId + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        stylesPart.Styles.Append(new Style(
            new StyleName { Val = name },
            new StyleRunProperties(new Bold(), new BoldComplexScript(), new Color { Val = "FF0000" },
                new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "FFFF00" }))   // styles cannot hold w:highlight; a yellow fill looks the same
        {
            Type = StyleValues.Character, StyleId = styleId, CustomStyle = true,
        });
        stylesPart.Styles.Save();
        return styleId;
    }

    private static int HeadingLevel(Paragraph paragraph) =>
        LeadingProperties.StyleId(paragraph) is { } style && style.StartsWith("Heading", StringComparison.Ordinal)
            && int.TryParse(style["Heading".Length..], out var level) && level is > 0 and < 10 ? level : 0;

    private static string ParagraphText(Paragraph paragraph) => string.Concat(paragraph.Descendants<Text>().Select(t => t.Text));

    /// <summary>
    /// Splits the runs of a paragraph (given by its own texts) so that each placeholder is a run of its own, set in the placeholder style.
    /// A text box's paragraphs are paragraphs of their own, marked when their turn comes: marked with the paragraph holding
    /// the text box too, their runs were replaced twice, and the review's comment was anchored on a run no longer in the document.
    /// </summary>
    private static List<(Run Run, string Text)> MarkPlaceholders(List<Text> ownTexts, Regex pattern, string styleId)
    {
        var result = new List<(Run, string)>();
        foreach (var text in ownTexts)
        {
            if (text.Parent is not Run run || !pattern.IsMatch(text.Text))
                continue;
            var matches = pattern.Matches(text.Text);
            var value = text.Text;
            var pieces = new List<(string Text, bool IsMark)>();
            var at = 0;
            foreach (Match match in matches)
            {
                if (match.Index > at)
                    pieces.Add((value[at..match.Index], false));
                pieces.Add((match.Value, true));
                at = match.Index + match.Length;
            }
            if (at < value.Length)
                pieces.Add((value[at..], false));
            var before = run.ChildElements.TakeWhile(c => c != text).Where(c => c is not RunProperties).ToList();
            var after = run.ChildElements.SkipWhile(c => c != text).Skip(1).ToList();
            Run NewRun(IEnumerable<OpenXmlElement> content, bool mark)
            {
                var piece = new Run();
                var properties = (RunProperties?)run.RunProperties?.CloneNode(true);
                if (mark)
                {
                    properties ??= new RunProperties();
                    properties.RunStyle = new RunStyle { Val = styleId };
                }
                if (properties is not null)
                    piece.Append(properties);
                foreach (var element in content)
                    piece.Append(element.CloneNode(true));
                return piece;
            }
            var runs = new List<Run>();
            if (before.Count > 0)
                runs.Add(NewRun(before, false));
            foreach (var (piece, isMark) in pieces)
            {
                var newRun = NewRun([new Text(piece) { Space = SpaceProcessingModeValues.Preserve }], isMark);
                runs.Add(newRun);
                if (isMark)
                    result.Add((newRun, piece));
            }
            if (after.Count > 0)
                runs.Add(NewRun(after, false));
            foreach (var newRun in runs)
                run.InsertBeforeSelf(newRun);
            run.Remove();
        }
        return result;
    }

    private static int AddComments(MainDocumentPart main, Body body, List<(Run Run, string Text, string Heading)> placed, List<Paragraph> narrative,
        IReadOnlyList<Mark> marks, IReadOnlyList<Diagnostic> original, Dictionary<Diagnostic, Diagnostic> byFinding, Probe? probe)
    {
        var part = main.WordprocessingCommentsPart ?? main.AddNewPart<WordprocessingCommentsPart>();
        part.Comments ??= new Comments();
        var nextId = part.Comments.Elements<Comment>().Select(c => int.TryParse(c.Id?.Value, out var n) ? n + 1 : 0).DefaultIfEmpty(0).Max();
        var count = 0;
        string NewComment(IEnumerable<string> lines)
        {
            var id = (nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var comment = new Comment { Id = id, Author = Author, Initials = "GEN" };
            foreach (var line in lines)
                comment.Append(new Paragraph(new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve })));
            part.Comments.Append(comment);
            count++;
            return id;
        }
        static Run Reference(string id) => new(new CommentReference { Id = id });
        string Explain(Diagnostic finding)
        {
            var shown = byFinding.GetValueOrDefault(finding, finding);
            return $"{shown.Id}：{shown.Message}{(shown.Location is { } cell ? $"请填写：{cell}" : "")}";
        }

        // One comment at every placeholder: its finding(s) and the cell to fill.
        var explained = new HashSet<Diagnostic>(ReferenceEqualityComparer.Instance);
        foreach (var (run, text, _) in placed)
        {
            var behind = marks.Where(m => m.Placeholder == text).Select(m => m.Finding).ToList();
            explained.UnionWith(behind);
            var id = NewComment(behind.Count > 0 ? behind.Select(Explain) : [$"{text}：工作簿未提供此项。"]);
            run.InsertBeforeSelf(new CommentRangeStart { Id = id });
            var end = new CommentRangeEnd { Id = id };
            run.InsertAfterSelf(end);
            end.InsertAfterSelf(Reference(id));
        }

        // Warnings without a placeholder of their own: one comment each, on the first paragraph of the report.
        // A body that begins with a table and holds no paragraph of its own anchors them in the first paragraph it has; one
        // with none at all gets an empty paragraph to hold them.
        var first = body.Elements<Paragraph>().FirstOrDefault() ?? body.Descendants<Paragraph>().FirstOrDefault() ?? body.PrependChild(new Paragraph());
        foreach (var finding in original.Where(f => f.Severity == Severity.Warning && !explained.Contains(f)))
            Anchor(first, NewComment([Explain(finding)]));

        // One comment per narrative paragraph: the figures it prints and the cells they were computed from.
        var printed = probe is null ? [] : FiguresByParagraph(probe);
        for (var i = 0; i < narrative.Count && i < printed.Count; i++)
        {
            var lines = printed[i].Where(f => !f.IsZero).Select(f => f.ToString()).Distinct().ToList();
            if (lines.Count > 0)
                Anchor(narrative[i], NewComment(["本段数字的来源：" + string.Join("；", lines)]));
        }
        part.Comments.Save();
        return count;

        static void Anchor(Paragraph paragraph, string id)
        {
            var start = new CommentRangeStart { Id = id };
            if (paragraph.ParagraphProperties is { } properties)
                properties.InsertAfterSelf(start);
            else
                paragraph.PrependChild(start);
            paragraph.Append(new CommentRangeEnd { Id = id }, Reference(id));
        }
    }

    private static readonly Regex Token = new("⟦F(\\d+)⟧", RegexOptions.CultureInvariant);

    /// <summary>
    /// The view model's data tree with every traced figure's text replaced by a token (⟦F17⟧): filled
    /// into the same template it shows exactly which figures each paragraph prints.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "View-model assemblies are rooted in the native build (Generator.Cli.csproj).")]
    public static Probe ProbeTree(ReportModel model, object tree)
    {
        var figures = new List<TracedFigure>();
        void Walk(object? value, object? node)
        {
            switch (value)
            {
                case null or string or bool or int or decimal:
                    return;
                case Money m:
                    if (!m.IsMissing && m.Sources.Count > 0 && node is IDictionary<string, object?> money)
                    {
                        money["text"] = money["table"] = $"⟦F{figures.Count}⟧";
                        figures.Add(new TracedFigure(m.Text, m.Origin(), m.IsZero));
                    }
                    return;
                case Percent p:
                    if (!p.IsMissing && p.Origin() is { } origin && node is IDictionary<string, object?> percent)
                    {
                        percent["text"] = $"⟦F{figures.Count}⟧";
                        figures.Add(new TracedFigure(p.Text + "%", origin, p.Value == 0));
                    }
                    return;
                case System.Collections.IEnumerable list when node is IList<object?> nodes:
                    var i = 0;
                    foreach (var item in list)
                        Walk(item, i < nodes.Count ? nodes[i++] : null);
                    return;
                default:
                    if (node is not IDictionary<string, object?> fields || value.GetType().IsEnum)
                        return;
                    foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
                        .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
                        if (fields.TryGetValue(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var child))
                            Walk(property.GetValue(value), child);
                    return;
            }
        }
        Walk(model, tree);
        return new Probe(tree, figures);
    }

    /// <summary>The figures each narrative paragraph of the filled probe prints, paragraph by paragraph.</summary>
    private static List<List<TracedFigure>> FiguresByParagraph(Probe probe)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(probe.Document!), false);
        return Narrative(word.MainDocumentPart!.Document.Body!)
            .Select(p => Token.Matches(ParagraphText(p)).Select(m => probe.Figures[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]).ToList())
            .ToList();
    }

    /// <summary>The paragraphs of the text itself: not headings, tables or the 目录.</summary>
    private static IEnumerable<Paragraph> Narrative(Body body) => body.Descendants<Paragraph>().Where(IsNarrative);

    private static bool IsNarrative(Paragraph paragraph) =>
        HeadingLevel(paragraph) == 0 && !paragraph.Ancestors<Table>().Any()
        && LeadingProperties.StyleId(paragraph) is not ("TOC1" or "TOC2" or "TOC3");
}

/// <summary>A printed figure and how it was computed ("149.84 = 公开01表!C37 − 上年数!B2", "1.91% = 149.84 ÷ 7862.31").</summary>
public sealed record TracedFigure(string Text, string Origin, bool IsZero)
{
    public override string ToString() => $"{Text} = {Origin}";
}

/// <summary>The probe data tree, its figures by token number, and (once filled) its document.</summary>
public sealed record Probe(object Tree, IReadOnlyList<TracedFigure> Figures)
{
    public byte[]? Document { get; init; }
}
