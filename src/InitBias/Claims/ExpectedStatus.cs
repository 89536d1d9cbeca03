using InitBias.Experiments;

namespace InitBias.Claims;

/// <summary>
/// The verdict CLAIMS.md records for a claim in each profile (its status columns; a unit test holds the two
/// together). Null: nothing recorded yet, so the claim test reports its verdict without asserting one.
/// </summary>
public sealed record ExpectedStatus(bool? Ci, bool? Full = null, bool? Paper = null)
{
    public static readonly ExpectedStatus Reproduced = new(Ci: true);
    public static readonly ExpectedStatus NotReproduced = new(Ci: false);

    /// <summary>True: reproduced; false: not reproduced; null: no status recorded for the profile.</summary>
    public bool? For(string profile) => profile switch
    {
        Profiles.Ci => Ci,
        Profiles.Paper => Paper,
        _ when profile == "full" => Full,
        _ => null,
    };

    public static string Text(bool? status) => status switch
    {
        true => "reproduced",
        false => "not reproduced",
        null => "—",
    };
}
