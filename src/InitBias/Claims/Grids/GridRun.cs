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
    /// <summary>Members not yet trained: only a shard run leaves any (their folder names).</summary>
    public IReadOnlyList<string> Missing { get; private init; } = [];

    private GridRun(string folder, IReadOnlyList<double> gammas, IReadOnlyList<long> seeds)
    {
        Folder = folder; Gammas = gammas; Seeds = seeds;
    }

    /// <summary>Every grid this process has trained, for the figure step.</summary>
    internal static IEnumerable<GridRun> Trained =>
        Cache.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    /// <summary>
    /// Trains the grid unless this process already did. With reuse (or in a shard run) members whose run folder is
    /// complete and reusable are kept and only the others train; without it every member trains again. Probes read the
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
            var missing = Train(ctx, experiment, members, dirs, probes);
            GridRun? grid = null;
            grid = new GridRun(folder, gammas, ctx.Seeds)
            {
                Missing = missing,
                Figures = figures is null ? null : dir => figures(grid!, dir),
                FiguresFolder = Path.Combine(ctx.OutRoot, "figures"),
            };
            return grid;
        })).Value;
    }

    /// <summary>
    /// Trains the members (of this context's shard, or all) that have no completed, reusable run folder, as one
    /// ensemble, continuing from their checkpoints when they have them; says what it reuses and trains. Returns the
    /// members still missing after a shard run (always none without a shard).
    /// </summary>
    private static List<string> Train(ClaimContext ctx, string experiment, IReadOnlyList<RunConfig> members,
        IReadOnlyList<string> dirs, Func<IReadOnlyList<string>, IReadOnlyList<RunConfig>,
            Action<int, IEnsembleModel>>? probes)
    {
        var env = EnvironmentFingerprint.Capture(ctx.Device);
        bool reuse = ctx.Reuse || ctx.Shard is not null; // shards share one root: completed members are kept
        string? WhyNot(int i) => reuse ? RunReuse.WhyNot(dirs[i], members[i], env) : "reuse not asked";
        ctx.Shard?.Check(members.Count);
        var wanted = ctx.Shard?.Take(Enumerable.Range(0, members.Count)) ?? Enumerable.Range(0, members.Count).ToList();
        var why = wanted.ToDictionary(i => i, WhyNot);
        var todo = wanted.Where(i => why[i] is not null).ToList();
        string what = ctx.Shard is null ? $"{experiment} grid" : $"shard {ctx.Shard} of {experiment} grid";
        string root = Path.GetDirectoryName(dirs[0])!;
        if (todo.Count == 0)
            ctx.Log?.Invoke($"reusing {what}: {root} ({wanted.Count} completed runs; config, code and numeric " +
                            "environment match): nothing to train");
        else
        {
            if (reuse && todo.Count < wanted.Count)
                ctx.Log?.Invoke($"{what}: reusing {wanted.Count - todo.Count} completed members; missing " +
                                $"{todo.Count}: {string.Join(", ", todo.Select(i => Path.GetFileName(dirs[i])))}");
            else if (reuse) ctx.Log?.Invoke($"not reusing {what}: {why[todo[0]]}");
            var share = todo.Select(i => members[i]).ToList();
            var shareDirs = todo.Select(i => dirs[i]).ToList();
            // One missing member trains beside a companion (another member, into a scratch folder that is then
            // deleted): a one-member ensemble takes another matmul kernel and would not match the grid (Shard.Check).
            string? companion = null;
            if (share.Count == 1 && members.Count > 1)
            {
                int other = todo[0] == 0 ? 1 : 0;
                companion = Path.Combine(root, ".companion-" + Path.GetFileName(dirs[other]));
                share.Add(members[other]);
                shareDirs.Add(companion);
            }
            int steps = share[0].Train.Steps;
            ExperimentRunner Runner(bool resume) => new()
            {
                Device = ctx.Device,
                OnEvaluated = probes?.Invoke(shareDirs, share),
                OnStep = Progress(ctx, steps),
                // Only a run that reuses can resume, so only such runs pay for checkpoints (CI's claim suite does not).
                CheckpointEvery = reuse ? Checkpoint.DefaultEvery(share[0].Train) : 0,
                Resume = resume,
            };
            if (!(reuse && TryResume(ctx, what, share, shareDirs, Runner(resume: true))))
            {
                foreach (var d in shareDirs.Where(Directory.Exists)) Directory.Delete(d, recursive: true);
                ctx.Log?.Invoke($"training {what} ({share.Count} models, {steps} steps, profile {ctx.Profile}) " +
                                $"into {root}");
                Runner(resume: false).Run(share, shareDirs);
            }
            if (companion is not null) Directory.Delete(companion, recursive: true);
        }
        if (ctx.Shard is null) return [];
        var missing = Enumerable.Range(0, members.Count).Where(i => WhyNot(i) is not null)
            .Select(i => Path.GetFileName(dirs[i])).ToList();
        ctx.Log?.Invoke(missing.Count == 0
            ? $"{experiment} grid complete in {root}"
            : $"{experiment} grid: {missing.Count} of {members.Count} members still missing (other shards): " +
              string.Join(", ", missing));
        return missing;
    }

    /// <summary>
    /// Continues interrupted members from their checkpoints when they all have one of this config, code and
    /// ensemble; false (with the reason logged) when there is none to continue.
    /// </summary>
    private static bool TryResume(ClaimContext ctx, string what, IReadOnlyList<RunConfig> members,
        IReadOnlyList<string> dirs, ExperimentRunner runner)
    {
        if (!dirs.All(Checkpoint.Exists)) return false;
        try
        {
            ctx.Log?.Invoke($"resuming {what} from its checkpoints ({members.Count} models)");
            runner.Run(members, dirs);
            return true;
        }
        catch (InvalidDataException ex)
        {
            ctx.Log?.Invoke($"not resuming {what}: {ex.Message}");
            return false;
        }
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
