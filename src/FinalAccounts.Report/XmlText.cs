using System.Text;
using System.Xml;

namespace FinalAccounts.Report;

/// <summary>Text written into XML the report builds as text (the 附表, the charts), the way the SDK's XmlWriter wrote it.</summary>
internal static class XmlText
{
    /// <summary>
    /// Text as XML character data, as an XmlWriter writes it: characters XML cannot hold (control
    /// characters) dropped first, then markup characters escaped and line ends written as \n. A lone
    /// surrogate, which the XmlWriter refused, is dropped too.
    /// </summary>
    public static void Append(StringBuilder xml, string text)
    {
        if (!text.All(XmlConvert.IsXmlChar))
            text = new string(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).ToArray());
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
