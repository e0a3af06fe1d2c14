using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FinalAccounts.Calculation;

namespace Generator.Cli;

/// <summary>The view model as templates see it: camelCase JSON, numbers as numbers, Chinese unescaped.</summary>
public static class ViewModelJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Serialisation code generated at compile time: no reflection, so the native program writes the same JSON.
        TypeInfoResolver = ViewModelJsonContext.Default,
    };

    public static string Serialize(ReportModel model) => JsonSerializer.Serialize(model, (JsonTypeInfo<ReportModel>)Options.GetTypeInfo(typeof(ReportModel)));
}

[JsonSerializable(typeof(ReportModel))]
internal sealed partial class ViewModelJsonContext : JsonSerializerContext;
