using System.Globalization;

namespace InitBias.Reports;

/// <summary>The cells both report formats show, so the Markdown and the HTML page say the same thing.</summary>
public static class ReportTable
{
    public static string Num(double v) => double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture)
        : v.ToString(CultureInfo.InvariantCulture);

    /// <summary>"reproduced (v2)", or "—" when the profile has no verified snapshot of the claim.</summary>
    public static string Status(ReportedClaim? c) => c is null ? "—" : $"{c.Verdict} ({c.RuleVersion})";

    public static string Passes(ReportedCheck c) => c.Undecided ? "undecided" : c.Passed ? "yes" : "**no**";

    /// <summary>
    /// "8/8" for a sign test over seeds (positive of all seeds), with the ties when there are any ("5/8, 3 ties"),
    /// else "—". The seed count is the number of per-seed values, so a tie never shrinks the denominator.
    /// </summary>
    public static string SeedsPositive(ReportedCheck c)
    {
        if (!c.Detail.TryGetValue("positive", out var pos) || !c.Detail.TryGetValue("nonzero", out var nonZero))
            return "—";
        int seeds = c.PerSeed.Count, ties = seeds - (int)nonZero;
        return ties > 0 ? $"{pos:0}/{seeds}, {ties} ties" : $"{pos:0}/{seeds}";
    }

    /// <summary>Mean over seeds with its 95% interval when recorded.</summary>
    public static string Mean(ReportedCheck c)
    {
        if (!c.Detail.TryGetValue("mean", out var mean)) return "—";
        return c.Detail.TryGetValue("ci95_low", out var lo) && c.Detail.TryGetValue("ci95_high", out var hi)
            ? $"{Num(mean)} [{Num(lo)}, {Num(hi)}]" : Num(mean);
    }

    public static string PerSeed(ReportedCheck c) =>
        c.PerSeed.Count == 0 ? "—" : string.Join(", ", c.PerSeed.Select(s => $"s{s.Seed} {Num(s.Value)}"));

    public static readonly string[] DifferenceColumns = ["field", "verified", "received", "difference"];

    /// <summary>Whether the last comparison matched, from the received snapshot it left (if any).</summary>
    public static string SnapshotStatus(ReportedClaim c) => c.Differences switch
    {
        null => "matched (no received snapshot)",
        { Count: 0 } => "received equals verified within tolerance",
        var d => $"differs from the received snapshot in {d.Count} fields",
    };

    public static readonly string[] CheckColumns =
        ["check", "passes", "value (p, or the statistic)", "seeds positive", "mean [95% CI]", "per seed"];

    public static string[] CheckCells(ReportedCheck c) =>
        [c.Name, Passes(c), Num(c.Value), SeedsPositive(c), Mean(c), PerSeed(c)];

    /// <summary>Claims grouped by id, each with its snapshot per profile (null where there is none).</summary>
    public static IEnumerable<(string Id, IReadOnlyList<ReportedClaim?> ByProfile)> ById(
        IReadOnlyList<ReportedClaim> claims) =>
        claims.GroupBy(c => c.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            (g.Key, (IReadOnlyList<ReportedClaim?>)Experiments.Profiles.All
                .Select(p => g.FirstOrDefault(c => c.Profile == p)).ToList()));
}
