namespace InitBias.Stats;

/// <summary>
/// One part of a claim's pre-registered decision rule, as evaluated: its statistic, outcome and per-seed detail.
/// </summary>
public sealed record ClaimCheck(string Name, string Rule, double Value, bool Passed,
    IReadOnlyDictionary<string, double>? Detail = null);
