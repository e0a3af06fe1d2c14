using System.Text.Json;
using DocxTemplating;
using FinalAccounts.Tests.Support;

namespace FinalAccounts.Tests;

/// <summary>
/// An object given to the engine becomes a tree node whose properties are read when first asked for:
/// it must behave as the dictionary it replaced (camelCase names, declaration order, numbers as decimal,
/// writes kept), read each property at most once, and never the ones a template does not ask for.
/// </summary>
public class DataTreeTests
{
    private sealed class Counted
    {
        public int Reads;
        private readonly string _name = "示例局";
        public string Name { get { Reads++; return _name; } }
        public int Year => 2024;
        public Inner Detail => throw new InvalidOperationException("a property no template asks for is never read");
    }

    private sealed record Inner(string Text);

    private sealed record Shape(string Name, int Count, double Ratio, IReadOnlyList<Inner> Items, Inner? Nothing);

    [Fact]
    public void PropertiesAreReadWhenAskedForAndOnce()
    {
        var source = new Counted();
        var node = Assert.IsAssignableFrom<IDictionary<string, object?>>(DataTree.FromObject(source));

        Assert.Equal(0, source.Reads);
        Assert.True(node.TryGetValue("name", out var name));
        Assert.True(node.TryGetValue("name", out _));
        Assert.Equal("示例局", name);
        Assert.Equal(1, source.Reads);
        Assert.Equal(2024m, node["year"]);
        Assert.False(node.TryGetValue("Name", out _));   // the tree's names are camelCase, as JSON gives them
        Assert.Equal(3, node.Count);
        Assert.True(node.ContainsKey("detail"));
    }

    [Fact]
    public void TheTreeIsWhatTheEagerConversionGave()
    {
        var shape = new Shape("A", 3, 0.5, [new Inner("一"), new Inner("B")], null);
        var node = (IDictionary<string, object?>)DataTree.FromObject(shape)!;

        // Enumerating reads everything, in declaration order, converted as before.
        Assert.Equal(["name", "count", "ratio", "items", "nothing"], node.Keys.ToArray());
        Assert.Equal(3m, node["count"]);
        Assert.Equal(0.5, node["ratio"]);
        Assert.Null(node["nothing"]);
        var items = Assert.IsType<List<object?>>(node["items"]);
        Assert.Equal("B", ((IDictionary<string, object?>)items[1]!)["text"]);
        Assert.Equal("""{"name":"A","count":3,"ratio":0.5,"items":[{"text":"\u4E00"},{"text":"B"}],"nothing":null}""",
            JsonSerializer.Serialize(node));
    }

    [Fact]
    public void WritesAreKeptBeforeAndAfterTheNodeIsEnumerated()
    {
        var node = (IDictionary<string, object?>)DataTree.FromObject(new Shape("甲", 3, 0.5, [], null))!;

        node["name"] = "⟦F0⟧";                 // a probe replaces a figure's text before rendering
        Assert.Equal("⟦F0⟧", node["name"]);
        node["extra"] = "新";                   // a key the object does not have
        Assert.Equal(6, node.Count);
        Assert.Equal("⟦F0⟧", node["name"]);
        Assert.True(node.Remove("count"));
        Assert.Equal(["name", "ratio", "items", "nothing", "extra"], node.Keys.ToArray());
        Assert.Throws<KeyNotFoundException>(() => node["count"]);
    }

    [Fact]
    public void AGetterThatFailsIsTheTagsProblemInItsOwnWords()
    {
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{detail.text}}").Build(), "t.docx", new TemplateOptions()).Template!;

        var failure = Assert.Throws<TemplateRenderException>(() => compiled.Render(new Counted()));

        var problem = Assert.Single(failure.Problems);
        Assert.Equal(TemplateErrors.RenderFailed, problem.Id);
        Assert.Equal("填充失败：a property no template asks for is never read", problem.Message);
    }

    [Fact]
    public void ATemplateReadsOnlyWhatItsTagsName()
    {
        var compiled = DocxTemplate.Compile(new DocxBuilder().Paragraph("{{name}}年").Build(), "t.docx", new TemplateOptions()).Template!;

        var docx = compiled.Render(new Counted());   // Detail would throw if it were read

        Assert.Empty(DocxText.ValidationErrors(docx));
        Assert.Equal("示例局年", DocxText.Of(docx).Trim());
    }
}
