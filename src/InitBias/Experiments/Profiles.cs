namespace InitBias.Experiments;

/// <summary>
/// "ci": shrunk (width, data, steps) so the claim suite runs on 2 CPU cores in CI; the default on CPU. "full": CPU
/// too, trained into the regime the paper's figures show (CLAIMS.md, "The full profile"), nightly. "paper": the
/// spec's sizes, for a GPU. What each profile sets is data: profiles/{ci,full,paper}.json (ProfileFiles).
/// </summary>
public static class Profiles
{
    public const string Ci = "ci";
    public const string Full = "full";
    public const string Paper = "paper";
    public static readonly string[] All = [Ci, Full, Paper];

    /// <summary>INITBIAS_PROFILE when set, else ci.</summary>
    public static string Default =>
        Environment.GetEnvironmentVariable("INITBIAS_PROFILE") is { Length: > 0 } p ? p : Ci;

    public static void Check(string profile)
    {
        if (!All.Contains(profile))
            throw new ArgumentException($"unknown profile '{profile}' (expected {string.Join(", ", All)})");
    }

    /// <summary>
    /// The seeds a profile's claim grids train (its file's claimSeeds): 1-8 for the rules as first registered (ci,
    /// paper); in full, seeds no rule was designed on.
    /// </summary>
    public static long[] ClaimSeeds(string profile) => [.. ProfileFiles.Load(profile).ClaimSeeds];
}
