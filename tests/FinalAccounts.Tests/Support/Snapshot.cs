using System.Text;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// Snapshot testing in the Verify style, kept small: text is compared with the committed
/// Snapshots/NAME.verified.txt; a mismatch writes NAME.received.txt beside it and fails with the
/// first differing lines. Approve with APPROVE_SNAPSHOTS=1 (or `dotnet cake --target=Approve`).
/// </summary>
public static class Snapshot
{
    public static string Folder => Path.Combine(Repo.Root, "tests", "FinalAccounts.Tests", "Snapshots");

    public static void Verify(string name, string text)
    {
        Directory.CreateDirectory(Folder);
        var verified = Path.Combine(Folder, $"{name}.verified.txt");
        var received = Path.Combine(Folder, $"{name}.received.txt");
        text = text.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("APPROVE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, text, new UTF8Encoding(false));
            File.Delete(received);
            return;
        }
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == text)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, text, new UTF8Encoding(false));
        Assert.Fail(expected is null
            ? $"No approved snapshot {verified}; review {received} and approve it."
            : $"Snapshot {name} changed; review {received} against {verified}:\n{Diff(expected, text)}");
    }

    private static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lines = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(a.Length, b.Length) && shown < 20; i++)
        {
            var left = i < a.Length ? a[i] : "";
            var right = i < b.Length ? b[i] : "";
            if (left == right)
                continue;
            lines.AppendLine($"@@ line {i + 1}\n- {left}\n+ {right}");
            shown++;
        }
        return lines.ToString();
    }
}
