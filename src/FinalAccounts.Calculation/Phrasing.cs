using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>
/// The phrase choices of the 情况说明, made from rounded figures so the words always agree with
/// the numbers printed beside them. The words themselves (增加, 等于 …) are the vocabulary the
/// templates test and print; sentences stay in the templates.
/// </summary>
public sealed class Phrasing(CalculationSettings settings, List<Diagnostic> warnings)
{
    private readonly List<Mark> _marks = [];

    public const string MissingReasonId = "CALC001";
    public const string MissingPriorId = "CALC002";
    public const string MissingGlossaryId = "CALC003";
    public const string MissingCountId = "CALC004";
    public const string MissingBudgetId = "CALC005";
    public const string MissingInputId = "CALC006";
    public const string GlossaryCodeNotSubjectId = "CALC007";
    public const string UnknownMarkerId = "CALC010";
    public const string MissingTextId = "CALC011";
    public const string MissingUserTableId = "CALC012";

    /// <summary>Every placeholder the model holds, with the finding that explains it.</summary>
    public IReadOnlyList<Mark> Marks => _marks;

    public CalculationSettings Settings => settings;

    /// <summary>This year against last year. A missing prior figure is shown as a placeholder, never as 0.</summary>
    public Change Change(Money current, Money prior, string what, Func<bool, Reason> reason)
    {
        if (prior.IsMissing || current.IsMissing)
        {
            // Nothing about the change is known: one placeholder (the missing figure's), no direction word.
            var missing = prior.IsMissing ? prior : current;
            return new Change(current, prior, Round.Missing(missing.Text, missing.Sources), null, "", "", false, false, false, false, false,
                prior.IsMissing, reason(false)) { CurrentIsMissing = current.IsMissing };
        }
        var difference = current.Value - prior.Value;   // both already rounded: the printed difference is exact
        static string Term(Money m) => m.Sources.Count > 1 && !m.Origin().Contains('−') ? $"({m.Origin()})" : m.Origin();
        var amount = Round.Figure(Math.Abs(difference), current.Sources.Concat(prior.Sources))
            .WithFormula(difference >= 0 ? $"{Term(current)} − {Term(prior)}" : $"{Term(prior)} − {Term(current)}");
        var baseIsZero = prior.Value == 0;
        Percent? rate = baseIsZero ? null : Round.Percent(Math.Abs(difference) / prior.Value * 100m).Of(amount, prior);
        var words = settings.Words;
        var (direction, trend) = difference switch { > 0 => (words.Increase, words.Rise), < 0 => (words.Decrease, words.Fall), _ => (words.Flat, words.Flat) };
        var required = difference != 0 && (baseIsZero || rate!.Value > settings.ReasonRequiredAbovePercent);
        return new Change(current, prior, amount, rate, direction, trend, difference > 0, difference < 0, difference == 0, baseIsZero,
            rate is not null, false, reason(required));
    }

    /// <summary>决算 against 预算 (the configured basis). Zero budget: no rate, a flag instead.</summary>
    public BudgetCompletion Completion(Money actual, Money budget, string what, Func<bool, Reason> reason)
    {
        if (budget.IsMissing)
            return new BudgetCompletion(budget, actual, null, false, true, false, budget.Text, false, false, false, false, reason(false));
        var budgetIsZero = budget.Value == 0;
        Percent? rate = budgetIsZero ? null : Round.Percent(actual.Value / budget.Value * 100m).Of(actual, budget);
        var difference = actual.Value - budget.Value;
        var roughlyEqual = difference != 0 && !budgetIsZero && Math.Abs(difference) / budget.Value * 100m <= settings.RoughlyEqualBandPercent;
        var (above, below) = (!roughlyEqual && difference > 0, !roughlyEqual && difference < 0);
        var words = settings.Words;
        var vsBudget = difference == 0 ? words.Equal : roughlyEqual ? words.RoughlyEqual : above ? words.Above : words.Below;
        return new BudgetCompletion(budget, actual, rate, budgetIsZero, false, rate is not null, vsBudget,
            difference == 0, roughlyEqual, above, below, reason(above || below));
    }

    /// <summary>A reason from a key–value sheet entry (or its absence), warning when it is required and blank.</summary>
    public Reason Reason(KeyValueSheet sheet, string label, bool required)
    {
        var entry = sheet.Find(label);
        return ReasonOf(entry?.Text, required, label, entry?.Cell ?? new CellRef(sheet.Sheet, 1, 1));
    }

    public Reason ReasonOf(string? text, bool required, string label, CellRef source)
    {
        var value = text?.Trim() ?? "";
        if (value.Length > 0)
            return new Reason(value, true, false, required, source.ToString());
        if (!required)
            return new Reason("", false, true, false, source.ToString());
        return new Reason(Missing(MissingReasonId, $"缺少“{label}”。", source, label), true, true, true, source.ToString());
    }

    public string Placeholder(string what) => string.Format(settings.MissingReasonPlaceholder, what);

    /// <summary>
    /// A blank input the report needs: one warning naming its cell, and the placeholder that stands
    /// for it in the report (the finding learns where that is once the template is filled).
    /// </summary>
    public string Missing(string id, string message, CellRef? at, string what) => Missing(id, message, at, what, onlyWhenShown: false);

    /// <inheritdoc cref="Missing(string, string, CellRef?, string)"/>
    public string Missing(string id, string message, CellRef? at, string what, bool onlyWhenShown)
    {
        var placeholder = Placeholder(what);
        if (_marks.Any(m => m.Placeholder == placeholder && m.Finding.Id == id && Equals(m.Finding.Location, at)))
            return placeholder;
        var finding = new Diagnostic(id, Severity.Warning, message, at);
        if (!onlyWhenShown)   // the other kind joins the findings only once the filled report shows its mark (ReportMarks)
            warnings.Add(finding);
        _marks.Add(new Mark(placeholder, finding) { OnlyWhenShown = onlyWhenShown });
        return placeholder;
    }

    /// <summary>A blank amount the report needs, as a missing <see cref="Money"/>.</summary>
    public Money MissingMoney(string id, string message, CellRef at, string what, bool onlyWhenShown = false) =>
        Round.Missing(Missing(id, message, at, what, onlyWhenShown), [at.ToString()]);

    public void Warn(string id, string message, CellRef? source) => warnings.Add(new Diagnostic(id, Severity.Warning, message, source));

    /// <summary>Shares of one whole (the sum of the rounded parts), adding up to exactly 100.00.</summary>
    /// <summary>Shares of one whole; when a part is missing no share can be known.</summary>
    public static IReadOnlyList<Share> SharesOrMissing(IEnumerable<(string Name, string Code, Money Amount)> parts)
    {
        var list = parts.ToList();
        return list.Any(p => p.Amount.IsMissing)
            ? list.Select(p => new Share(p.Name, p.Code, p.Amount, Round.MissingPercent)).ToList()
            : Shares(list);
    }

    public static IReadOnlyList<Share> Shares(IEnumerable<(string Name, string Code, Money Amount)> parts)
    {
        var list = parts.ToList();
        var percents = Calculation.Shares.Of(list.Select(p => p.Amount.Value).ToList());
        var whole = Round.Figure(list.Sum(p => p.Amount.Value), []);
        return list.Select((p, i) => new Share(p.Name, p.Code, p.Amount, Round.Percent(percents[i]).Of(p.Amount, whole))).ToList();
    }
}

/// <summary>A placeholder in the report and the finding that explains it.</summary>
public sealed record Mark(string Placeholder, Diagnostic Finding)
{
    /// <summary>
    /// The finding exists only if the filled report shows its mark (a named text or user table the template names,
    /// an optional prior-year figure): it is kept out of the calculation's findings, and the report adds it where
    /// its mark appears; when none does (the tag sat in a branch not taken, or no template uses it), nothing is missing.
    /// </summary>
    public bool OnlyWhenShown { get; init; }
}
