using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>Ids of the findings the reader produces; the checks stage has its own (CHK…).</summary>
public static class InputIds
{
    public const string FileUnreadable = "IN001";
    public const string NotAWorkbook = "IN002";
    public const string Encrypted = "IN003";
    public const string Corrupt = "IN004";
    public const string TooLarge = "IN005";
    public const string FileTooLarge = "IN006";
    public const string TableMissing = "IN010";
    public const string TableDuplicated = "IN011";
    public const string HeaderNotFound = "IN012";
    public const string UnitNotDeclared = "IN013";
    public const string UnitUnknown = "IN014";
    public const string LineMissing = "IN015";
    public const string TableNotInCatalogue = "IN016";
    public const string AmountNotNumber = "IN020";
    public const string RowNotRecognised = "IN021";
    public const string AmountNegative = "IN023";
    public const string AmountAbsurd = "IN024";
    public const string SheetMissing = "IN030";
    public const string FieldMissing = "IN031";
    public const string FieldWrongType = "IN032";
    public const string FieldNotAChoice = "IN033";
    public const string SheetNamesClash = "IN034";
    public const string TextTooLong = "IN040";
    public const string CharactersRemoved = "IN041";
    public const string TooManyCells = "IN042";
    public const string TooMuchText = "IN043";
    public const string ReferenceOutOfGrid = "IN044";
    public const string TooManyMerges = "IN045";
    public const string FormulaWithoutValue = "IN046";
    public const string UserTableUnitUnknown = "IN050";
    public const string UserTableTooLarge = "IN051";
    public const string NameTwice = "IN052";

    public static Diagnostic Error(string id, string message, CellRef? at = null, IReadOnlyList<CellRef>? related = null) => new(id, Severity.Error, message, at, related);

    public static Diagnostic Warning(string id, string message, CellRef? at = null) => new(id, Severity.Warning, message, at);

    public static Diagnostic Info(string id, string message, CellRef? at = null) => new(id, Severity.Info, message, at);
}
