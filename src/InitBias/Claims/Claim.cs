using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;

namespace InitBias.Claims;

/// <summary>
/// A paper claim with its pre-registered decision rule (written in CLAIMS.md before it was run). It declares the
/// grids it reads (Grids, from ClaimGrids); the pipeline trains them, then Evaluate reads them and applies the rule:
/// a claim never trains. Expected is the status CLAIMS.md records per profile, which the claim test holds the verdict
/// to. Each claim lives in its own file, named by its id (C05_….cs), and reads top to bottom: statement, grids, the
/// checks of its rule, the metrics its snapshot keeps.
/// </summary>
public abstract class Claim
{
    /// <summary>The significance level of every sign test: a check passes when p &lt; 0.05.</summary>
    public const double Alpha = SeedSeries.Alpha;

    protected const ClaimStatus Reproduced = ClaimStatus.Reproduced;
    protected const ClaimStatus NotReproduced = ClaimStatus.NotReproduced;
    protected const ClaimStatus Undecided = ClaimStatus.Undecided;

    public string Id => GetType().Name[..3];
    public string Name => GetType().Name;
    public abstract string Figure { get; }
    public abstract string Statement { get; }
    public abstract ExpectedStatus Expected { get; }

    /// <summary>The grids this claim reads (none for a claim about theory alone, C17).</summary>
    public abstract IReadOnlyList<GridDeclaration> Grids { get; }

    /// <summary>
    /// The grids it reads in a profile: its Grids, and in some profiles more (a grid a later rule version reads that
    /// the ci budget leaves out).
    /// </summary>
    public virtual IReadOnlyList<GridDeclaration> GridsIn(string profile) => Grids;

    /// <summary>
    /// The state of training the claim's sentence is about, in words; null when the sentence holds at any point of
    /// training. Where a rule checks it and it fails, the verdict is undecided (until v4), or the checks it gates are
    /// (v4: RuleVersion.Gated; the verdict is then undecided only if those checks could change it).
    /// </summary>
    public virtual string? Premise => null;

    /// <summary>The profiles this claim runs in; elsewhere its test is skipped (a claim whose grids a profile's budget
    /// cannot hold, such as C22 and C23 in ci).</summary>
    public virtual IReadOnlyList<string> RunsIn => Experiments.Profiles.All;

    /// <summary>Reads the declared grids (trained) and applies the rule.</summary>
    public abstract ClaimResult Evaluate(ReadContext ctx);

    protected ClaimResult Result(ReadContext ctx, IReadOnlyList<ClaimCheck> checks,
        System.Text.Json.Nodes.JsonObject metrics) =>
        new(Id, Name, Figure, ctx.Profile, Statement, checks, metrics);

    /// <summary>
    /// A claim with revised rules (CLAIMS.md, "Revised rules (v2)", "v3"): the latest version decides in full (on
    /// seeds no earlier version has seen) and in paper; ci keeps v1's verdict and records the later versions as
    /// exploratory. Every version's checks (and premise) go into the snapshot.
    /// </summary>
    protected ClaimResult Result(ReadContext ctx, System.Text.Json.Nodes.JsonObject metrics,
        params RuleVersion[] versions)
    {
        var deciding = ctx.Profile == Experiments.Profiles.Ci ? versions[0] : versions[^1];
        return new(Id, Name, Figure, ctx.Profile, Statement, deciding.Checks, metrics, deciding.Name)
        {
            Premise = deciding.Premise,
            Gated = deciding.Gated,
            Others = versions.Where(v => v != deciding).ToList(),
        };
    }

    /// <summary>v1 and v2 (the claims revised once; see the other overload).</summary>
    protected ClaimResult Result(ReadContext ctx, IReadOnlyList<ClaimCheck> v1, IReadOnlyList<ClaimCheck> v2,
        System.Text.Json.Nodes.JsonObject metrics) =>
        Result(ctx, metrics, new RuleVersion("v1", v1), new RuleVersion("v2", v2));

    public static string G(double gamma) => Gamma.Label(gamma);
}
