using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Models;
using InitBias.Runs;

namespace InitBias.Claims.Grids;

/// <summary>
/// A γ × seed grid of one experiment, trained once as an ensemble and shared by the claims that read it (C4-C6 read
/// the transformer grid, C7-C9 the Emb-MLP grid). Everything a claim or a figure reads comes from its run folders.
/// A grid's figures are drawn by the figure step after the claim, never inside training (FigureStep).
/// </summary>
public sealed class GridRun
{
    private static readonly ConcurrentDictionary<string, Lazy<GridRun>> Cache = new();

    public string Folder { get; }
    public IReadOnlyList<double> Gammas { get; }
    public IReadOnlyList<long> Seeds { get; }
    /// <summary>Draws this grid's figures into FiguresFolder; run by FigureStep once per grid.</summary>
    internal Action<string>? Figures { get; private init; }
    /// <summary>{out}/figures of the context that trained the grid.</summary>
    internal string FiguresFolder { get; private init; } = "";
    internal bool FiguresDrawn { get; set; }

    private GridRun(string folder, IReadOnlyList<double> gammas, IReadOnlyList<long> seeds)
    {
        Folder = folder; Gammas = gammas; Seeds = seeds;
    }

    /// <summary>Every grid this process has trained, for the figure step.</summary>
    internal static IEnumerable<GridRun> Trained =>
        Cache.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    /// <summary>
    /// Trains the grid unless this process already did; the run folders are replaced, never mixed. Probes read the
    /// model after each evaluation (weights only: no gradients, no random draws, so metrics do not depend on them).
    /// </summary>
    public static GridRun Get(ClaimContext ctx, string experiment, IReadOnlyList<double> gammas,
        Func<IReadOnlyList<string>, IReadOnlyList<RunConfig>, Action<int, IEnsembleModel>>? probes = null,
        Action<GridRun, string>? figures = null)
    {
        string folder = ctx.Folder($"{experiment}-grid");
        return Cache.GetOrAdd($"{folder}|{string.Join(",", gammas)}", _ => new Lazy<GridRun>(() =>
        {
            var baseConfig = ctx.ConfigOf(experiment);
            var members = gammas.SelectMany(g => ctx.Seeds.Select(s => baseConfig with { Gamma = g, Seed = s }))
                .ToList();
            var dirs = members.Select(m => Path.Combine(folder, RunFolder.MemberName(m.Gamma, m.Seed))).ToList();
            string? whyNot = ctx.Reuse ? WhyNotReusable(ctx, members, dirs) : "reuse not asked";
            if (whyNot is null)
                ctx.Log?.Invoke($"reusing {experiment} grid: {folder} ({members.Count} completed runs; config, code " +
                                "and numeric environment match): nothing to train");
            else
            {
                if (ctx.Reuse) ctx.Log?.Invoke($"not reusing {experiment} grid: {whyNot}");
                ExperimentRunner Runner(bool resume) => new()
                {
                    Device = ctx.Device,
                    OnEvaluated = probes?.Invoke(dirs, members),
                    OnStep = Progress(ctx, baseConfig.Train.Steps),
                    CheckpointEvery = Checkpoint.DefaultEvery(baseConfig.Train),
                    Resume = resume,
                };
                if (!(ctx.Reuse && TryResume(ctx, experiment, members, dirs, Runner(resume: true))))
                {
                    if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                    ctx.Log?.Invoke($"training {experiment} grid ({members.Count} models, {baseConfig.Train.Steps} " +
                                    $"steps, profile {ctx.Profile}) into {folder}");
                    Runner(resume: false).Run(members, dirs);
                }
            }
            GridRun? grid = null;
            grid = new GridRun(folder, gammas, ctx.Seeds)
            {
                Figures = figures is null ? null : dir => figures(grid!, dir),
                FiguresFolder = Path.Combine(ctx.OutRoot, "figures"),
            };
            return grid;
        })).Value;
    }

    /// <summary>
    /// Continues an interrupted grid from its members' checkpoints when they all have one of this config, code and
    /// ensemble; false (with the reason logged) when there is none to continue.
    /// </summary>
    private static bool TryResume(ClaimContext ctx, string experiment, IReadOnlyList<RunConfig> members,
        IReadOnlyList<string> dirs, ExperimentRunner runner)
    {
        if (!dirs.All(Checkpoint.Exists)) return false;
        try
        {
            ctx.Log?.Invoke($"resuming {experiment} grid from its checkpoints in {Path.GetDirectoryName(dirs[0])}");
            runner.Run(members, dirs);
            return true;
        }
        catch (InvalidDataException ex)
        {
            ctx.Log?.Invoke($"not resuming {experiment} grid: {ex.Message}");
            return false;
        }
    }

    /// <summary>Null when every member's folder is a completed run of its config by this code, here.</summary>
    private static string? WhyNotReusable(ClaimContext ctx, IReadOnlyList<RunConfig> members,
        IReadOnlyList<string> dirs)
    {
        var env = EnvironmentFingerprint.Capture(ctx.Device);
        return members.Select((m, i) => RunReuse.WhyNot(dirs[i], m, env)).FirstOrDefault(r => r is not null);
    }

    /// <summary>
    /// Forgets the grids this process trained, as a new process would (tests of reuse; the folders stay).
    /// </summary>
    public static void ForgetTrained() => Cache.Clear();

    /// <summary>A plain progress line every 10% of the steps: claim runs are long and often unattended.</summary>
    private static Action<int>? Progress(ClaimContext ctx, int steps) =>
        ctx.Log is null ? null : step =>
        {
            if (step % Math.Max(1, steps / 10) == 0) ctx.Log($"  step {step}/{steps}");
        };

    public string Dir(double gamma, long seed) => Path.Combine(Folder, RunFolder.MemberName(gamma, seed));

    /// <summary>Every evaluation of one run, in step order.</summary>
    public IReadOnlyList<MetricRow> Rows(double gamma, long seed) =>
        RunFolder.ReadMetrics(Dir(gamma, seed)).Select(r => new MetricRow(r)).ToList();

    public MetricRow Final(double gamma, long seed) => Rows(gamma, seed)[^1];

    /// <summary>Per seed, a value computed from one run's evaluations.</summary>
    public SeedSeries PerSeed(double gamma, Func<IReadOnlyList<MetricRow>, double> f) =>
        SeedSeries.Of(Seeds, s => f(Rows(gamma, s)));

    /// <summary>Per seed, a value computed from the run folder of one run (probe files).</summary>
    public SeedSeries PerSeedRun(double gamma, Func<string, double> f) => SeedSeries.Of(Seeds, s => f(Dir(gamma, s)));

    /// <summary>Initial and final metrics (all but lr) of every run at these γ, for a claim's snapshot.</summary>
    public JsonObject SnapshotMetrics(IEnumerable<double> gammas)
    {
        static JsonObject Row(MetricRow r) =>
            new(r.Values.Where(kv => kv.Key != "lr").Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        var o = new JsonObject();
        foreach (var g in gammas)
            o[Claim.G(g)] = new JsonObject(Seeds.Select(s =>
            {
                var m = Rows(g, s);
                return KeyValuePair.Create($"s{s}",
                    (JsonNode?)new JsonObject { ["initial"] = Row(m[0]), ["final"] = Row(m[^1]) });
            }));
        return o;
    }
}
