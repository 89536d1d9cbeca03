using System.Collections.Concurrent;
using InitBias.Experiments;
using InitBias.Models;
using InitBias.Runs;

namespace InitBias.Claims;

/// <summary>
/// A γ × seed grid of one experiment, trained once as an ensemble and shared by the claims that read it (C4-C6 read
/// the transformer grid, C7-C9 the Emb-MLP grid). Everything a claim or a figure reads comes from its run folders.
/// </summary>
public sealed class GridRun
{
    private static readonly ConcurrentDictionary<string, Lazy<GridRun>> Cache = new();

    public string Folder { get; }
    public IReadOnlyList<double> Gammas { get; }
    public IReadOnlyList<long> Seeds { get; }

    private GridRun(string folder, IReadOnlyList<double> gammas, IReadOnlyList<long> seeds)
    {
        Folder = folder; Gammas = gammas; Seeds = seeds;
    }

    /// <summary>8 seeds per γ in every profile: the sign tests need them (8 of 8 gives p = 0.0039, 7 of 8 p = 0.035).</summary>
    public static readonly long[] ClaimSeeds = [1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>Trains the grid unless this process already did; the run folders are replaced, never mixed.</summary>
    public static GridRun Get(ClaimContext ctx, string experiment, IReadOnlyList<double> gammas,
        Func<IReadOnlyList<string>, IReadOnlyList<RunConfig>, Action<int, IEnsembleModel>>? onEvaluated = null, Action<GridRun>? afterTraining = null)
    {
        string folder = ctx.Folder($"{experiment}-grid");
        return Cache.GetOrAdd($"{folder}|{string.Join(",", gammas)}", _ => new Lazy<GridRun>(() =>
        {
            var baseConfig = ExperimentRegistry.Get(experiment).Defaults(ctx.Profile);
            if (ctx.Adjust is not null) baseConfig = ExperimentRegistry.Complete(ctx.Adjust(baseConfig));
            var members = gammas.SelectMany(g => ClaimSeeds.Select(s => baseConfig with { Gamma = g, Seed = s })).ToList();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            var dirs = members.Select(m => Path.Combine(folder, RunFolder.MemberName(m.Gamma, m.Seed))).ToList();
            ctx.Log?.Invoke($"training {experiment} grid ({members.Count} models, {baseConfig.Train.Steps} steps, profile {ctx.Profile}) into {folder}");
            var runner = new ExperimentRunner { Device = ctx.Device, OnEvaluated = onEvaluated?.Invoke(dirs, members), OnStep = Progress(ctx, baseConfig.Train.Steps) };
            runner.Run(members, dirs);
            var grid = new GridRun(folder, gammas, ClaimSeeds);
            afterTraining?.Invoke(grid);
            return grid;
        })).Value;
    }

    /// <summary>A plain progress line every 10% of the steps: claim runs are long and often unattended.</summary>
    private static Action<int>? Progress(ClaimContext ctx, int steps) =>
        ctx.Log is null ? null : step =>
        {
            if (step % Math.Max(1, steps / 10) == 0) ctx.Log($"  step {step}/{steps}");
        };

    public string Dir(double gamma, long seed) => Path.Combine(Folder, RunFolder.MemberName(gamma, seed));

    public IReadOnlyList<Dictionary<string, double>> Metrics(double gamma, long seed) => RunFolder.ReadMetrics(Dir(gamma, seed));

    public Dictionary<string, double> Final(double gamma, long seed) => Metrics(gamma, seed)[^1];
    public Dictionary<string, double> Initial(double gamma, long seed) => Metrics(gamma, seed)[0];

    /// <summary>Per seed, a value computed from one run's metrics.</summary>
    public Dictionary<long, double> PerSeed(double gamma, Func<IReadOnlyList<Dictionary<string, double>>, double> f) =>
        Seeds.ToDictionary(s => s, s => f(Metrics(gamma, s)));
}
