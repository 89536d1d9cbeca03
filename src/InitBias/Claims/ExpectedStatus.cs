using InitBias.Experiments;

namespace InitBias.Claims;

/// <summary>A claim's verdict: its rule's checks all pass, or not, or its premise did not hold.</summary>
public enum ClaimStatus
{
    Reproduced,
    NotReproduced,
    /// <summary>The model is not in the state the claim's sentence is about (Claim.Premise): no verdict.</summary>
    Undecided,
}

/// <summary>
/// The verdict CLAIMS.md records for a claim in each profile (its status columns; a unit test holds the two
/// together). Null: nothing recorded yet, so the claim test reports its verdict without asserting one.
/// </summary>
public sealed record ExpectedStatus(ClaimStatus? Ci, ClaimStatus? Full = null, ClaimStatus? Paper = null)
{
    public const ClaimStatus Reproduced = ClaimStatus.Reproduced;
    public const ClaimStatus NotReproduced = ClaimStatus.NotReproduced;
    public const ClaimStatus Undecided = ClaimStatus.Undecided;

    /// <summary>The status recorded for a profile; null: none.</summary>
    public ClaimStatus? For(string profile) => profile switch
    {
        Profiles.Ci => Ci,
        Profiles.Paper => Paper,
        Profiles.Full => Full,
        _ => null,
    };

    public static string Text(ClaimStatus? status) => status switch
    {
        ClaimStatus.Reproduced => "reproduced",
        ClaimStatus.NotReproduced => "not reproduced",
        ClaimStatus.Undecided => "undecided",
        _ => "—",
    };
}
