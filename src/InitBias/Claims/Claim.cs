namespace InitBias.Claims;

/// <summary>
/// A paper claim with its pre-registered decision rule (written in CLAIMS.md before it was run). Run() trains or
/// reuses the grids it reads and applies the rule; Expected is the status CLAIMS.md records per profile, which the
/// claim test holds the verdict to. Each claim lives in its own file, named by its id (C05_….cs), and reads top to
/// bottom: statement, the checks of its rule, the metrics its snapshot keeps.
/// </summary>
public abstract class Claim
{
    /// <summary>The significance level of every sign test: a check passes when p &lt; 0.05.</summary>
    public const double Alpha = 0.05;

    public string Id => GetType().Name[..3];
    public string Name => GetType().Name;
    public abstract string Figure { get; }
    public abstract string Statement { get; }
    public abstract ExpectedStatus Expected { get; }

    /// <summary>The profiles this claim runs in; elsewhere its test is skipped (a claim whose grids a profile's budget
    /// cannot hold, such as C22 and C23 in ci).</summary>
    public virtual IReadOnlyList<string> RunsIn => Experiments.Profiles.All;
    public abstract ClaimResult Run(ClaimContext ctx);

    protected ClaimResult Result(ClaimContext ctx, IReadOnlyList<ClaimCheck> checks,
        System.Text.Json.Nodes.JsonObject metrics) =>
        new(Id, Name, Figure, ctx.Profile, Statement, checks, metrics);

    /// <summary>
    /// A claim with a revised rule (CLAIMS.md, "Revised rules (v2)"): v2 decides in the full profile, on seeds 9-16;
    /// elsewhere v1 decides and v2 is recorded as exploratory. Both go into the snapshot.
    /// </summary>
    protected ClaimResult Result(ClaimContext ctx, IReadOnlyList<ClaimCheck> v1, IReadOnlyList<ClaimCheck> v2,
        System.Text.Json.Nodes.JsonObject metrics) =>
        ctx.Profile == Experiments.Profiles.Full
            ? new(Id, Name, Figure, ctx.Profile, Statement, v2, metrics, "v2", "v1", v1)
            : new(Id, Name, Figure, ctx.Profile, Statement, v1, metrics, "v1", "v2", v2);

    public static string G(double gamma) => "g" + gamma.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
