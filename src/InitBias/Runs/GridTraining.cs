using System.Collections.Concurrent;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Probes.Recording;
using InitBias.Training;

namespace InitBias.Runs;

/// <summary>A grid this process has trained (or found complete), for the figure step.</summary>
public sealed class TrainedGrid(GridDeclaration grid, TrainingContext context, IReadOnlyList<string> missing)
{
    public GridDeclaration Grid { get; } = grid;
    public TrainingContext Context { get; } = context;
    public string Folder => Path.Combine(Context.OutRoot, Grid.Folder);
    /// <summary>Members not yet trained: only a shard run leaves any (their folder names).</summary>
    public IReadOnlyList<string> Missing { get; } = missing;
    public bool FiguresDrawn { get; set; }
}

/// <summary>
/// Trains a declared γ × seed grid once per process, as one ensemble, with the probes it declares. With reuse (or in
/// a shard run) members whose run folder is complete and reusable are kept and only the others train, resuming from
/// their checkpoints when they have them; a single missing member trains beside a companion member. Without reuse
/// every member trains again.
/// </summary>
public static class GridTraining
{
    private static readonly ConcurrentDictionary<string, Lazy<TrainedGrid>> Cache = new();

    /// <summary>Every grid this process has trained, in no particular order.</summary>
    public static IEnumerable<TrainedGrid> Trained => Cache.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    /// <summary>Forgets the grids this process trained, as a new process would (tests; the folders stay).</summary>
    public static void ForgetTrained() => Cache.Clear();

    public static TrainedGrid Ensure(GridDeclaration grid, TrainingContext ctx)
    {
        string folder = Path.Combine(ctx.OutRoot, grid.Folder);
        return Cache.GetOrAdd($"{folder}|{string.Join(",", grid.Gammas)}", _ => new Lazy<TrainedGrid>(() =>
        {
            var baseConfig = ctx.ConfigOf(grid.Experiment);
            var members = grid.Gammas.SelectMany(g => ctx.Seeds.Select(s => baseConfig with { Gamma = g, Seed = s }))
                .ToList();
            var dirs = members.Select(m => Path.Combine(folder, RunFolder.MemberName(m.Gamma, m.Seed))).ToList();
            return new TrainedGrid(grid, ctx, Train(grid, ctx, members, dirs));
        })).Value;
    }

    /// <summary>
    /// Trains the members (of this context's shard, or all) that have no completed, reusable run folder, as one
    /// ensemble; says what it reuses and trains. Returns the members still missing after a shard run (always none
    /// without a shard).
    /// </summary>
    private static List<string> Train(GridDeclaration grid, TrainingContext ctx, IReadOnlyList<RunConfig> members,
        IReadOnlyList<string> dirs)
    {
        var env = EnvironmentFingerprint.Capture(ctx.Device);
        bool reuse = ctx.Reuse || ctx.Shard is not null; // shards share one root: completed members are kept
        string? WhyNot(int i) => reuse ? RunReuse.WhyNot(dirs[i], members[i], env) : "reuse not asked";
        ctx.Shard?.Check(members.Count);
        var wanted = ctx.Shard?.Take(Enumerable.Range(0, members.Count)) ?? Enumerable.Range(0, members.Count).ToList();
        var why = wanted.ToDictionary(i => i, WhyNot);
        var todo = wanted.Where(i => why[i] is not null).ToList();
        string what = ctx.Shard is null ? $"{grid.Experiment} grid" : $"shard {ctx.Shard} of {grid.Experiment} grid";
        string root = Path.GetDirectoryName(dirs[0])!;
        if (todo.Count == 0)
            ctx.Log?.Invoke($"reusing {what}: {root} ({wanted.Count} completed runs; config, code and numeric " +
                            "environment match): nothing to train");
        else
        {
            RefuseBeyondOneShard(ctx, what, members.Count, todo, why, dirs);
            TrainMembers(grid, ctx, what, reuse, todo, why, members, dirs);
        }
        if (ctx.Shard is null) return [];
        var missing = Enumerable.Range(0, members.Count).Where(i => WhyNot(i) is not null)
            .Select(i => Path.GetFileName(dirs[i])).ToList();
        ctx.Log?.Invoke(missing.Count == 0
            ? $"{grid.Experiment} grid complete in {root}"
            : $"{grid.Experiment} grid: {missing.Count} of {members.Count} members still missing (other shards): " +
              string.Join(", ", missing));
        return missing;
    }

    /// <summary>An evaluation after n shards trains at most one shard's members; else one line says why.</summary>
    private static void RefuseBeyondOneShard(TrainingContext ctx, string what, int total, List<int> todo,
        Dictionary<int, string?> why, IReadOnlyList<string> dirs)
    {
        if (ctx.EvaluatesShards is not { } n) return;
        int allowed = (total + n - 1) / n;
        if (todo.Count <= allowed) return;
        var reasons = todo.GroupBy(i => why[i]).Select(g =>
            $"{string.Join(", ", g.Select(i => Path.GetFileName(dirs[i])))} ({g.Key})");
        throw new TrainingRefusedException(
            $"{what}: refusing to train {todo.Count} of {total} members in an evaluation of {n} shards (at most " +
            $"{allowed}, one shard's); not reused: {string.Join("; ", reasons)}");
    }

    private static void TrainMembers(GridDeclaration grid, TrainingContext ctx, string what, bool reuse,
        List<int> todo, Dictionary<int, string?> why, IReadOnlyList<RunConfig> members, IReadOnlyList<string> dirs)
    {
        string root = Path.GetDirectoryName(dirs[0])!;
        if (reuse && todo.Count < why.Count)
            ctx.Log?.Invoke($"{what}: reusing {why.Count - todo.Count} completed members; missing " +
                            $"{todo.Count}: {string.Join(", ", todo.Select(i => Path.GetFileName(dirs[i])))}");
        else if (reuse) ctx.Log?.Invoke($"not reusing {what}: {why[todo[0]]}");
        var share = todo.Select(i => members[i]).ToList();
        var shareDirs = todo.Select(i => dirs[i]).ToList();
        // One missing member trains beside a companion (another member, into a scratch folder that is then deleted):
        // a one-member ensemble takes another matmul kernel and would not match the grid (Shard.Check).
        string? companion = null;
        if (share.Count == 1 && members.Count > 1)
        {
            int other = todo[0] == 0 ? 1 : 0;
            companion = Path.Combine(root, ".companion-" + Path.GetFileName(dirs[other]));
            share.Add(members[other]);
            shareDirs.Add(companion);
        }
        int steps = share[0].Train.Steps;
        var probes = ProbeRecorder.For(grid.Probes, shareDirs, share, ctx.Profile);
        ExperimentRunner Runner(bool resume) => new()
        {
            Device = ctx.Device,
            Probes = probes,
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
            LogTime(ctx, what, Runner(resume: false).Run(share, shareDirs));
        }
        if (companion is not null) Directory.Delete(companion, recursive: true);
    }

    /// <summary>
    /// Continues interrupted members from their checkpoints when they all have one of this config, code and
    /// ensemble; false (with the reason logged) when there is none to continue.
    /// </summary>
    private static bool TryResume(TrainingContext ctx, string what, IReadOnlyList<RunConfig> members,
        IReadOnlyList<string> dirs, ExperimentRunner runner)
    {
        if (!dirs.All(Checkpoint.Exists)) return false;
        try
        {
            ctx.Log?.Invoke($"resuming {what} from its checkpoints ({members.Count} models)");
            LogTime(ctx, what, runner.Run(members, dirs));
            return true;
        }
        catch (InvalidDataException ex)
        {
            ctx.Log?.Invoke($"not resuming {what}: {ex.Message}");
            return false;
        }
    }

    /// <summary>Where the grid's training time went (the ensemble's, so any member's summary says it).</summary>
    private static void LogTime(TrainingContext ctx, string what, IReadOnlyList<MemberResult> results)
    {
        if (results.FirstOrDefault()?.Summary.PhaseSeconds is { } phases)
            ctx.Log?.Invoke($"{what}: {phases.Describe()}");
    }

    /// <summary>A plain progress line every 10% of the steps: claim runs are long and often unattended.</summary>
    private static Action<int>? Progress(TrainingContext ctx, int steps) =>
        ctx.Log is null ? null : step =>
        {
            if (step % Math.Max(1, steps / 10) == 0) ctx.Log($"  step {step}/{steps}");
        };
}
