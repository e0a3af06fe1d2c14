using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Generator.Bench;

/// <summary>
/// The docxtemplater equivalent of our default template: the same package with each {{…}} tag
/// rewritten to docxtemplater's {…} syntax ({#x}…{/x} loops and conditions, {^x} for unless/else).
/// Charts and public tables, which docxtemplater's free modules do not draw, become plain fields.
/// </summary>
internal static partial class PeerTemplate
{
    public static byte[] From(byte[] docx)
    {
        using var input = new MemoryStream(docx);
        using var source = new ZipArchive(input, ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                var text = reader.ReadToEnd();
                if (entry.FullName.StartsWith("word/", StringComparison.Ordinal) && entry.FullName.EndsWith(".xml", StringComparison.Ordinal))
                    text = Convert(text);
                using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return output.ToArray();
    }

    private static string Convert(string xml)
    {
        var open = new Stack<string>();
        return Tag().Replace(xml, m =>
        {
            // docxtemplater reads {@x} as raw XML: data variables are renamed (the peer's parser knows _root.).
            var body = m.Groups[1].Value.Trim().Replace("@root.", "_root.").Replace("@", "_");
            if (body.StartsWith("#each ") || body.StartsWith("#if ") || body.StartsWith("#with "))
            {
                var name = body.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                open.Push(name);
                return "{#" + name + "}";
            }
            if (body.StartsWith("#unless "))
            {
                var name = body.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                open.Push(name);
                return "{^" + name + "}";
            }
            if (body == "else")
                return open.Count == 0 ? "" : "{/" + open.Peek() + "}{^" + open.Peek() + "}";
            if (body.StartsWith('/'))
                return open.Count == 0 ? "" : "{/" + open.Pop() + "}";
            var tokens = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return tokens.Length > 1 ? "{" + (tokens[0] == "publicTable" ? "title" : tokens[1]) + "}" : "{" + body + "}";
        });
    }

    [GeneratedRegex(@"\{\{(.+?)\}\}")]
    private static partial Regex Tag();
}
