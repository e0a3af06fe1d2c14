using DocumentFormat.OpenXml;

namespace DocxTemplating;

/// <summary>Walking a filled document in document order along first-child, next-sibling and parent links, for walks that skip what they need not enter.</summary>
public static class ElementWalk
{
    /// <summary>
    /// The element after <paramref name="node"/> and everything in it, in document order below <paramref name="root"/>: its
    /// next sibling, else that of the nearest ancestor that has one; null at the end. <paramref name="leaving"/> hears of each
    /// element finished on the way (the node, then every ancestor left), for a walk that keeps track of where it is.
    /// </summary>
    public static OpenXmlElement? NextAfter(OpenXmlElement node, OpenXmlElement root, Action<OpenXmlElement>? leaving = null)
    {
        for (var done = node; done is not null && !ReferenceEquals(done, root); done = done.Parent)
        {
            leaving?.Invoke(done);
            if (done.NextSibling() is { } next)
                return next;
        }
        return null;
    }
}
