using InitBias.Stats;

namespace InitBias.Claims;

/// <summary>
/// One registered version of a claim's rule (CLAIMS.md): its checks, and the check of the claim's premise when this
/// version has one (a failed premise makes the verdict undecided).
/// </summary>
public sealed record RuleVersion(string Name, IReadOnlyList<ClaimCheck> Checks, ClaimCheck? Premise = null);
