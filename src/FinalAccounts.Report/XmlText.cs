using System.Text;
using System.Xml;

namespace FinalAccounts.Report;

/// <summary>Text written into XML the report builds as text (the 附表, the charts), the way the SDK's XmlWriter wrote it.</summary>
internal static class XmlText
{
    private static readonly System.Buffers.SearchValues<char> Markup = System.Buffers.SearchValues.Create("&<>\r");

    /// <summary>
    /// The text without the characters XML cannot hold. Surrogates are kept: a pair is one character; a lone one never comes
    /// from the reader (Printable reports and drops it), and <see cref="Append"/> drops it should one come from elsewhere.
    /// </summary>
    public static string Holdable(string text)
    {
        // A loop, not LINQ over the string: this runs for every cell and label of a report.
        foreach (var c in text)
            if (!XmlConvert.IsXmlChar(c))
                return new string(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).ToArray());
        return text;
    }

    /// <summary>
    /// Text as XML character data, as an XmlWriter writes it: characters XML cannot hold (control
    /// characters) dropped first, then markup characters escaped and line ends written as \n. A lone
    /// surrogate, which the XmlWriter refused, is dropped too.
    /// </summary>
    public static void Append(StringBuilder xml, string text)
    {
        text = Holdable(text);
        // Most text has nothing to escape or drop: appended whole.
        if (!text.AsSpan().ContainsAny(Markup) && !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            xml.Append(text);
            return;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': xml.Append("&amp;"); break;
                case '<': xml.Append("&lt;"); break;
                case '>': xml.Append("&gt;"); break;
                case '\r':
                    xml.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                        i++;
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        xml.Append(c).Append(text[++i]);
                    else if (!char.IsSurrogate(c))
                        xml.Append(c);
                    break;
            }
        }
    }
}
