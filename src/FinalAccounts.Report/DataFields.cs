namespace FinalAccounts.Report;

/// <summary>Reading the data tree an element helper is given: a field that is not there is null, never a KeyNotFoundException.</summary>
internal static class DataFields
{
    public static object? Field(this IDictionary<string, object?> map, string name) => map.TryGetValue(name, out var value) ? value : null;
}
