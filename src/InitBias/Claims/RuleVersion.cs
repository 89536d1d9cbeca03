using InitBias.Stats;

namespace InitBias.Claims;

/// <summary>
/// One registered version of a claim's rule (CLAIMS.md): its checks, and the check of the claim's premise when this
/// version has one. Until v4 a failed premise makes the verdict undecided whatever the checks say; a v4 rule
/// (Gated) names, per premise, the checks it gates, and a failed premise makes only those checks undecided.
/// </summary>
public sealed record RuleVersion(string Name, IReadOnlyList<ClaimCheck> Checks, ClaimCheck? Premise = null)
{
    /// <summary>v4 semantics (CLAIMS.md, "Rules v4"): each premise with the names of the checks it gates.</summary>
    public IReadOnlyList<GatedPremise> Gated { get; init; } = [];

    /// <summary>A v4 rule: its checks and its premises, each gating the checks it names (every name must exist).
    /// </summary>
    public static RuleVersion V4(string name, IReadOnlyList<ClaimCheck> checks, params GatedPremise[] premises)
    {
        var names = checks.Select(c => c.Name).ToHashSet();
        if (premises.SelectMany(p => p.Gates).FirstOrDefault(g => !names.Contains(g)) is { } missing)
            throw new ArgumentException($"{name}: a premise gates '{missing}', which is not one of its checks");
        return new RuleVersion(name, checks) { Gated = premises };
    }

    public ClaimStatus Status => Verdicts.Of(Checks, Premise, Gated);
}

/// <summary>A premise of a v4 rule and the names of the checks that are about the state it checks.</summary>
public sealed record GatedPremise(ClaimCheck Check, IReadOnlyList<string> Gates);

/// <summary>How checks and premises make a verdict (CLAIMS.md, "Rules v4": premise semantics).</summary>
public static class Verdicts
{
    /// <summary>The checks a failed v4 premise leaves undecided.</summary>
    public static IReadOnlySet<string> Undecided(IReadOnlyList<GatedPremise> gated) =>
        gated.Where(p => !p.Check.Passed).SelectMany(p => p.Gates).ToHashSet();

    /// <summary>
    /// Until v4: a failed premise → undecided, else all checks pass → reproduced. v4: a decided check that
    /// fails → not reproduced (no undecided check could change that); else any undecided check → undecided;
    /// else reproduced.
    /// </summary>
    public static ClaimStatus Of(IReadOnlyList<ClaimCheck> checks, ClaimCheck? premise,
        IReadOnlyList<GatedPremise> gated)
    {
        if (gated.Count == 0)
            return premise is { Passed: false } ? ClaimStatus.Undecided
                : checks.All(c => c.Passed) ? ClaimStatus.Reproduced : ClaimStatus.NotReproduced;
        var undecided = Undecided(gated);
        if (checks.Any(c => !undecided.Contains(c.Name) && !c.Passed)) return ClaimStatus.NotReproduced;
        return checks.Any(c => undecided.Contains(c.Name)) ? ClaimStatus.Undecided : ClaimStatus.Reproduced;
    }
}
