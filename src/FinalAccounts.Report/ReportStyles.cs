using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace FinalAccounts.Report;

/// <summary>
/// The report's styles, for reading only (style ids, font sizes, spacing, page breaks). Every report of a
/// template starts from the same styles part, so it is parsed once per distinct content and shared by
/// the reports, instead of parsed again for each one. Once something in the report has loaded the part
/// (to add a style), that is what is read.
/// </summary>
internal static class ReportStyles
{
    /// <summary>Templates in use are few; past this many distinct styles parts the cache starts over.</summary>
    private const int MaxCached = 32;

    private static readonly ConcurrentDictionary<string, Styles> Parsed = new();

    /// <remarks>Never change what this returns: unless the part was already loaded, it is shared by every report of the template.</remarks>
    public static Styles? Of(MainDocumentPart main)
    {
        var part = main.StyleDefinitionsPart;
        if (part is null)
            return null;
        if (part.IsRootElementLoaded)
            return part.Styles;
        // Asked once per {{text}} tag and per landscape table: the part is read and hashed once per report.
        return ThisReport.TryGetValue(part, out var known) ? known.Styles : Remember(part);
    }

    private sealed record Known(Styles? Styles);

    private static readonly ConditionalWeakTable<StyleDefinitionsPart, Known> ThisReport = new();

    private static Styles? Remember(StyleDefinitionsPart part)
    {
        byte[] content;
        using (var stream = part.GetStream(FileMode.Open, FileAccess.Read))
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            content = copy.ToArray();
        }
        Styles? styles;
        if (content.Length < 4)
            styles = null;   // as the SDK reads a part this short: no styles (an empty styles.xml in a template)
        else
        {
            var key = Convert.ToHexString(SHA256.HashData(content));
            if (!Parsed.TryGetValue(key, out styles))
            {
                try
                {
                    styles = Parse(content);
                }
                catch (Exception ex) when (ex is System.Xml.XmlException or InvalidDataException or ArgumentException)
                {
                    // Whatever the SDK makes of a part this reader cannot take, as before this cache existed.
                    return part.Styles;
                }
                if (Parsed.Count >= MaxCached)
                    Parsed.Clear();
                styles = Parsed.GetOrAdd(key, styles);
            }
        }
        ThisReport.AddOrUpdate(part, new Known(styles));
        return styles;
    }

    private static Styles Parse(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var reader = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
        reader.MoveToContent();
        var styles = new Styles(reader.ReadOuterXml());
        // Parsed whole before it is shared: reports read it from several threads at once.
        _ = styles.Descendants().Count();
        return styles;
    }
}

/// <summary>
/// A style and those it is based on, nearest first, as Word resolves a property: at most ten deep, and
/// where a hand-edited template defines an id twice, the first definition counts (never an exception).
/// </summary>
internal sealed class StyleChains
{
    private readonly Dictionary<string, Style> _byId = new();

    public StyleChains(Styles? styles)
    {
        foreach (var style in styles?.Elements<Style>() ?? [])
            if (style.StyleId?.Value is { } id)
                _byId.TryAdd(id, style);
    }

    public IEnumerable<Style> Of(string? id)
    {
        for (var depth = 0; depth < 10 && id is not null && _byId.TryGetValue(id, out var style); depth++)
        {
            yield return style;
            id = style.BasedOn?.Val?.Value;
        }
    }
}
