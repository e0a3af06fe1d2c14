using System.Runtime.CompilerServices;
using DocumentFormat.OpenXml;

namespace DocxTemplating;

/// <summary>
/// An element's text as the SDK holds it until something parses it (its internal RawOuterXml), read and given without
/// parsing. The SDK offers neither: its constructor from outer XML reads the start tag again with a new XmlReader, and
/// anything that asks for children parses. Should a later SDK no longer have the property, every answer here says so
/// and the callers take the SDK's own way.
/// </summary>
internal static class RawXml
{
    private static bool s_available = true;

    /// <summary>The element's text while it is unparsed; "" once parsed; null when that cannot be told.</summary>
    public static string? Of(OpenXmlElement element)
    {
        if (!s_available)
            return null;
        try
        {
            return GetRawOuterXml(element) ?? "";
        }
        catch (MissingMethodException)
        {
            s_available = false;
            return null;
        }
    }

    /// <summary>Gives a new, empty element the text it stands for, unparsed; false when that cannot be done.</summary>
    public static bool TrySet(OpenXmlElement element, string xml)
    {
        if (!s_available)
            return false;
        try
        {
            SetRawOuterXml(element, xml);
            return true;
        }
        catch (MissingMethodException)
        {
            s_available = false;
            return false;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_RawOuterXml")]
    private static extern string? GetRawOuterXml(OpenXmlElement element);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_RawOuterXml")]
    private static extern void SetRawOuterXml(OpenXmlElement element, string value);
}
