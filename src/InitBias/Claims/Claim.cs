using System.Globalization;
using System.Text.Json.Nodes;
using InitBias.Stats;

namespace InitBias.Claims;

/// <summary>
/// A paper claim with its pre-registered decision rule (written in CLAIMS.md before it was run). Run() trains or
/// reuses the experiment it reads and applies the rule; ExpectedReproduced is the status CLAIMS.md records, which
/// the claim test holds the result to.
/// </summary>
public abstract class Claim
{
    public abstract string Id { get; }
    public abstract string Name { get; }
    public abstract string Figure { get; }
    public abstract string Statement { get; }
    public abstract bool ExpectedReproduced { get; }
    public abstract ClaimResult Run(ClaimContext ctx);

    protected ClaimResult Result(ClaimContext ctx, IReadOnlyList<ClaimCheck> checks, JsonObject metrics) =>
        new(Id, Name, Figure, ctx.Profile, Statement, checks, metrics);

    public const double Alpha = 0.05;

    /// <summary>The spec's ΔL form within one run: (L_mem - L_group) / L_group; positive = reasoning ahead of memory.</summary>
    public static double DeltaL(IReadOnlyDictionary<string, double> row, string group) =>
        (row["loss_mem"] - row[$"loss_{group}"]) / row[$"loss_{group}"];

    /// <summary>An exact one-sided sign test over seeds as a check: passes when p &lt; 0.05.</summary>
    public static ClaimCheck SignCheck(string name, string rule, IReadOnlyDictionary<long, double> perSeed)
    {
        var r = SignTest.Greater(perSeed.OrderBy(kv => kv.Key).Select(kv => kv.Value));
        var detail = perSeed.OrderBy(kv => kv.Key).ToDictionary(kv => $"seed{kv.Key}", kv => kv.Value);
        detail["positive"] = r.Positive;
        detail["nonzero"] = r.NonZero;
        detail["mean"] = Descriptive.Mean(perSeed.Values.ToList());
        detail["sd"] = Descriptive.StdDev(perSeed.Values.ToList());
        var ci = Bootstrap.MeanCi(perSeed.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList());
        detail["ci95_low"] = ci.Low;
        detail["ci95_high"] = ci.High;
        return new ClaimCheck(name, $"{rule}; exact one-sided sign test over seeds, p < {Alpha}", r.PValue, r.PValue < Alpha, detail);
    }

    /// <summary>Per-seed values as a snapshot object {"s1": …, "s2": …}.</summary>
    public static JsonObject SeedValues(IReadOnlyDictionary<long, double> v) =>
        new(v.OrderBy(kv => kv.Key).Select(kv => KeyValuePair.Create($"s{kv.Key}", (JsonNode?)kv.Value)));

    public static string G(double gamma) => "g" + gamma.ToString(CultureInfo.InvariantCulture);

    /// <summary>Initial and final metrics of every run of the grid, for the snapshot.</summary>
    public static JsonObject GridMetrics(GridRun grid, IEnumerable<double> gammas)
    {
        var o = new JsonObject();
        foreach (var g in gammas)
        {
            var perGamma = new JsonObject();
            foreach (var s in grid.Seeds)
            {
                var m = grid.Metrics(g, s);
                perGamma[$"s{s}"] = new JsonObject { ["initial"] = Row(m[0]), ["final"] = Row(m[^1]) };
            }
            o[G(g)] = perGamma;
        }
        return o;
    }

    private static JsonObject Row(IReadOnlyDictionary<string, double> r) =>
        new(r.Where(kv => kv.Key != "lr").Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
}
