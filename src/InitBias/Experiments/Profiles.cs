namespace InitBias.Experiments;

/// <summary>
/// "paper": the spec's sizes, for a GPU. "ci": shrunk (width, data, steps) so it runs on 2 CPU cores; the rules of
/// every claim stay the same. What ci shrinks is recorded next to each experiment's defaults.
/// </summary>
public static class Profiles
{
    public const string Ci = "ci";
    public const string Paper = "paper";
    public static readonly string[] All = [Ci, Paper];

    /// <summary>INITBIAS_PROFILE when set, else ci.</summary>
    public static string Default =>
        Environment.GetEnvironmentVariable("INITBIAS_PROFILE") is { Length: > 0 } p ? p : Ci;

    public static void Check(string profile)
    {
        if (!All.Contains(profile))
            throw new ArgumentException($"unknown profile '{profile}' (expected {string.Join(" or ", All)})");
    }
}
