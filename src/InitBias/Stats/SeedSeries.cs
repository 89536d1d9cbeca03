using System.Globalization;
using System.Text.Json.Nodes;

namespace InitBias.Stats;

/// <summary>
/// One number per seed, in seed order. Series of two conditions trained from the same seeds pair by seed (Minus); a
/// threshold turns a statistic into the margin a sign test reads (Above, Below), and SignCheck builds the check with
/// its rule text, so each check of a claim is one line. The threshold must appear in the rule text.
/// </summary>
public sealed class SeedSeries
{
    /// <summary>The significance level of every sign test: a check passes when p &lt; 0.05.</summary>
    public const double Alpha = 0.05;

    public IReadOnlyList<long> Seeds { get; }
    public IReadOnlyList<double> Values { get; }
    private readonly double? _threshold;

    private SeedSeries(IReadOnlyList<long> seeds, IReadOnlyList<double> values, double? threshold = null)
    {
        Seeds = seeds;
        Values = values;
        _threshold = threshold;
    }

    public static SeedSeries Of(IEnumerable<long> seeds, Func<long, double> value)
    {
        var s = seeds.Order().ToList();
        return new SeedSeries(s, s.Select(value).ToList());
    }

    public double this[long seed] => Values[IndexOf(seed)];

    /// <summary>This minus another condition, seed by seed; both must hold the same seeds.</summary>
    public SeedSeries Minus(SeedSeries other)
    {
        if (!Seeds.SequenceEqual(other.Seeds))
            throw new ArgumentException(
                $"cannot pair seeds {string.Join(",", Seeds)} with {string.Join(",", other.Seeds)}");
        return new SeedSeries(Seeds, Values.Select((v, i) => v - other.Values[i]).ToList());
    }

    /// <summary>value − threshold per seed: positive where the statistic is above the threshold.</summary>
    public SeedSeries Above(double threshold) => new(Seeds, Values.Select(v => v - threshold).ToList(), threshold);

    /// <summary>threshold − value per seed: positive where the statistic is below the threshold.</summary>
    public SeedSeries Below(double threshold) => new(Seeds, Values.Select(v => threshold - v).ToList(), threshold);

    public SeedSeries Map(Func<double, double> f) => new(Seeds, Values.Select(f).ToList());

    /// <summary>
    /// An exact one-sided sign test over the seeds that the values are positive: passes when p &lt; 0.05.
    /// </summary>
    public ClaimCheck SignCheck(string name, string rule)
    {
        RequireThresholdIn(rule);
        var r = SignTest.Greater(Values);
        var detail = Detail();
        detail["positive"] = r.Positive;
        detail["nonzero"] = r.NonZero;
        detail["mean"] = Descriptive.Mean(Values.ToList());
        detail["sd"] = Descriptive.StdDev(Values.ToList());
        var ci = Bootstrap.MeanCi(Values.ToList());
        detail["ci95_low"] = ci.Low;
        detail["ci95_high"] = ci.High;
        return new ClaimCheck(name, $"{rule}; exact one-sided sign test over seeds, p < {Alpha}", r.PValue,
            r.PValue < Alpha, detail);
    }

    /// <summary>
    /// A check on the mean over seeds (summed in seed order): passes when <paramref name="passes"/> says so.
    /// </summary>
    public ClaimCheck MeanCheck(string name, string rule, Func<double, bool> passes)
    {
        double sum = 0;
        foreach (var v in Values) sum += v;
        double mean = sum / Values.Count;
        return new ClaimCheck(name, rule, mean, passes(mean), Detail());
    }

    /// <summary>Per-seed values as a snapshot object {"s1": …, "s2": …}.</summary>
    public JsonObject ToJson() =>
        new(Seeds.Select((s, i) => KeyValuePair.Create($"s{s}", (JsonNode?)Values[i])));

    private Dictionary<string, double> Detail() =>
        Seeds.Select((s, i) => (s, i)).ToDictionary(x => $"seed{x.s}", x => Values[x.i]);

    private int IndexOf(long seed)
    {
        for (int i = 0; i < Seeds.Count; i++) if (Seeds[i] == seed) return i;
        throw new KeyNotFoundException($"no seed {seed} in this series");
    }

    /// <summary>A rule that says "the same …" refers to the previous check's wording, threshold included.</summary>
    private void RequireThresholdIn(string rule)
    {
        if (_threshold is not { } t || rule.StartsWith("the same", StringComparison.Ordinal)) return;
        var inv = CultureInfo.InvariantCulture;
        if (!rule.Contains(t.ToString(inv)) && !rule.Contains(t.ToString("0.###", inv)))
            throw new ArgumentException($"the rule text does not state its threshold {t.ToString(inv)}: {rule}");
    }
}
