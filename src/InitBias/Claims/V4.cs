using InitBias.Stats;

namespace InitBias.Claims;

/// <summary>
/// The v4 versions that only change the premise semantics (CLAIMS.md, "Rules v4"): v3's checks, and v3's premise
/// gating all of them, because every one of them is read in the state the premise checks.
/// </summary>
public static class V4
{
    public static RuleVersion GatingAll(IReadOnlyList<ClaimCheck> v3, ClaimCheck premise) =>
        RuleVersion.V4("v4", v3, new GatedPremise(premise, v3.Select(c => c.Name).ToList()));
}
