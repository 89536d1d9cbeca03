namespace InitBias.Snapshots;

/// <summary>
/// How far a numeric field may move before a snapshot mismatches: |received - verified| ≤ Abs + Rel·|verified|.
/// Pattern is a field path with '*' wildcards ("metrics.*.acc_*"); the first matching rule wins.
/// </summary>
public sealed record SnapshotTolerance(string Pattern, double Abs, double Rel)
{
    /// <summary>
    /// Same machine and thread count reproduce bitwise; another machine moves losses in about the 5th significant
    /// digit after a few hundred steps (engineering notes), which rel 1e-3 covers. Accuracies are counts: one flipped
    /// prediction in the smallest evaluation group (the ci transformer's 100 held-out samples) is 0.01, which such
    /// noise can cause; 0.011 lets one flip through and nothing more.
    /// </summary>
    public static readonly IReadOnlyList<SnapshotTolerance> Defaults =
    [
        new("*acc*", 0.011, 0),
        new("*", 1e-6, 1e-3),
    ];

    public bool Matches(string path) => Glob(Pattern, path);

    public bool Accepts(double verified, double received) =>
        Math.Abs(received - verified) <= Abs + Rel * Math.Abs(verified)
            || (double.IsNaN(verified) && double.IsNaN(received));

    private static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == text[t]) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
