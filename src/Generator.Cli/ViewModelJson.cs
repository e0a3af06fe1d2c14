using System.Text.Encodings.Web;
using System.Text.Json;
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
    };

    public static string Serialize(ReportModel model) => JsonSerializer.Serialize(model, Options);
}
