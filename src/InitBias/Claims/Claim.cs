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

    public string Id => GetType().Name[..3];
    public string Name => GetType().Name;
    public abstract string Figure { get; }
    public abstract string Statement { get; }
    public abstract ExpectedStatus Expected { get; }

    /// <summary>The grids this claim reads (none for a claim about theory alone, C17).</summary>
    public abstract IReadOnlyList<GridDeclaration> Grids { get; }

    /// <summary>The profiles this claim runs in; elsewhere its test is skipped (a claim whose grids a profile's budget
    /// cannot hold, such as C22 and C23 in ci).</summary>
    public virtual IReadOnlyList<string> RunsIn => Experiments.Profiles.All;

    /// <summary>Reads the declared grids (trained) and applies the rule.</summary>
    public abstract ClaimResult Evaluate(ReadContext ctx);

    protected ClaimResult Result(ReadContext ctx, IReadOnlyList<ClaimCheck> checks,
        System.Text.Json.Nodes.JsonObject metrics) =>
        new(Id, Name, Figure, ctx.Profile, Statement, checks, metrics);

    /// <summary>
    /// A claim with a revised rule (CLAIMS.md, "Revised rules (v2)"): v2 decides in the full profile, on seeds 9-16;
    /// elsewhere v1 decides and v2 is recorded as exploratory. Both go into the snapshot.
    /// </summary>
    protected ClaimResult Result(ReadContext ctx, IReadOnlyList<ClaimCheck> v1, IReadOnlyList<ClaimCheck> v2,
        System.Text.Json.Nodes.JsonObject metrics) =>
        ctx.Profile == Experiments.Profiles.Full
            ? new(Id, Name, Figure, ctx.Profile, Statement, v2, metrics, "v2", "v1", v1)
            : new(Id, Name, Figure, ctx.Profile, Statement, v1, metrics, "v1", "v2", v2);

    public static string G(double gamma) => Gamma.Label(gamma);
}
