using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Grids;
using InitBias.Probes;
using InitBias.Tasks;

namespace InitBias.Reading;

/// <summary>
/// What the mechanism claims (C12-C16, C20) and their figures read from a transformer grid's probe lines: the
/// input-token embeddings at a step, what training added to them, anchor cosines, and the progress point.
/// </summary>
public static class TransformerReadings
{
    /// <summary>The mechanism probe's readout at every evaluation of one run.</summary>
    public static IReadOnlyList<MechanismReadout> Mechanism(this GridReader grid, double gamma, long seed) =>
        grid.Probes(gamma, seed).Select(l => l.Mechanism
            ?? throw new InvalidOperationException($"{grid.Dir(gamma, seed)}: step {l.Step} has no mechanism probe"))
            .ToList();

    public static MechanismReadout FirstMechanism(this GridReader grid, double gamma, long seed) =>
        grid.Mechanism(gamma, seed)[0];

    public static MechanismReadout LastMechanism(this GridReader grid, double gamma, long seed) =>
        grid.Mechanism(gamma, seed)[^1];

    public static MechanismReadout MechanismAt(this GridReader grid, double gamma, long seed, int step) =>
        grid.ProbeAt(gamma, seed, step).Mechanism
        ?? throw new InvalidOperationException($"{grid.Dir(gamma, seed)} has no mechanism probe at step {step}");

    /// <summary>The input-token embeddings (tokens 1..KeyMax, row k = token k + 1) at the last step.</summary>
    public static double[][] Embeddings(this GridReader grid, double gamma, long seed) =>
        grid.LastMechanism(gamma, seed).Embeddings!;

    /// <summary>The initial input-token embeddings (step 0).</summary>
    public static double[][] InitialEmbeddings(this GridReader grid, double gamma, long seed) =>
        grid.FirstMechanism(gamma, seed).Embeddings!;

    /// <summary>What training added to the input-token embeddings, w(last) − w(0).</summary>
    public static double[][] LearnedPart(this GridReader grid, double gamma, long seed) =>
        MechanismStatistics.Learned(grid.Embeddings(gamma, seed), grid.InitialEmbeddings(gamma, seed));

    /// <summary>The input-token embeddings at an evaluation step.</summary>
    public static double[][] EmbeddingsAt(this GridReader grid, double gamma, long seed, int step) =>
        grid.MechanismAt(gamma, seed, step).Embeddings!;

    /// <summary>What training added by an evaluation step, w(step) − w(0).</summary>
    public static double[][] LearnedPartAt(this GridReader grid, double gamma, long seed, int step) =>
        MechanismStatistics.Learned(grid.EmbeddingsAt(gamma, seed, step), grid.InitialEmbeddings(gamma, seed));

    /// <summary>Cosines among the anchors of the learned part w(last) − w(0).</summary>
    public static TokenCosines LearnedAnchorCos(this GridReader grid, double gamma, long seed, TokenBlock anchors) =>
        MechanismStatistics.Cosines(grid.LearnedPart(gamma, seed), anchors);

    /// <summary>The evaluation steps the probe read (every evaluation of the run).</summary>
    public static IReadOnlyList<int> ProbeSteps(this GridReader grid) =>
        grid.Probes(Gamma.SmallInit, grid.Seeds[0]).Select(l => l.Step).ToList();

    /// <summary>Cosines among the anchors' updates w(step) − w(0), from the probe's embeddings.</summary>
    public static TokenCosines UpdateCosines(this GridReader grid, double gamma, long seed, int step,
        TokenBlock anchors) => MechanismStatistics.Cosines(grid.LearnedPartAt(gamma, seed, step), anchors);

    /// <summary>
    /// The progress point (CLAIMS.md, "The full profile"; ReadingPoint.Progress): the first evaluation at which this
    /// seed's γ 0.8 run reaches acc_rsn_train ≥ 0.9, or null if it never does. The paired γ 0.3 run is read at the
    /// same step.
    /// </summary>
    public static int? ProgressStep(this GridReader grid, long seed) => grid.Find(ReadingPoint.Progress, seed);

    /// <summary>
    /// The premise of the mechanism claims (CLAIMS.md, "Rules v3"): at the step read, the γ 0.8 run has learned the
    /// reasoning pairs, acc_rsn_train ≥ 0.9 (the progress point's own test), in at least 7 of the seeds, the count a
    /// sign test over 8 needs. Value: the seeds where it holds.
    /// </summary>
    public static Stats.ClaimCheck LearnedPremise(this GridReader grid, Func<long, int> stepOf, string where)
    {
        var accuracy = grid.PerSeed(s =>
            grid.RowAt(Gamma.SmallInit, s, stepOf(s)).Accuracy(EvalGroup.RsnTrain));
        int learned = accuracy.Values.Count(a => a >= ReadingPoint.ProgressAccuracy), needed = grid.PremiseSeedsNeeded;
        return new Stats.ClaimCheck("premise_reasoning_learned",
            $"acc_rsn_train(γ 0.8) ≥ 0.9 at {where} in at least {needed} of {grid.Seeds.Count} seeds: the model " +
            "has learned the reasoning pairs (value: the seeds where it has)", learned, learned >= needed,
            accuracy.Seeds.Select((s, i) => (s, i)).ToDictionary(x => $"seed{x.s}", x => accuracy.Values[x.i]));
    }

    /// <summary>Cosines among a block's embeddings at an evaluation step, from the probe (input-token rows).</summary>
    public static TokenCosines CosAt(this GridReader grid, double gamma, long seed, int step, TokenBlock block) =>
        MechanismStatistics.Cosines(grid.EmbeddingsAt(gamma, seed, step), block);

    /// <summary>Anchor cosines at the last step (C12, C16, Fig. 5A), from the mechanism probe's rows.</summary>
    public static TokenCosines LastAnchorCos(this GridReader grid, double gamma, long seed) =>
        MechanismStatistics.Cosines(grid.Embeddings(gamma, seed), grid.Config.Task.Anchors());

    /// <summary>
    /// Diagnostics read at the progress point, per seed: its step and each named statistic at γ 0.8 and γ 0.3
    /// (f(γ, seed, step)); "not reached" for a seed whose γ 0.8 run never reaches it.
    /// </summary>
    public static JsonObject AtProgress(this GridReader grid,
        params (string Name, Func<double, long, int, double> F)[] stats)
    {
        var o = new JsonObject();
        foreach (var s in grid.Seeds)
        {
            if (grid.ProgressStep(s) is not { } step)
            {
                o[$"s{s}"] = "not reached";
                continue;
            }
            var seed = new JsonObject { ["step"] = step };
            foreach (var (name, f) in stats)
                foreach (var g in new[] { Gamma.SmallInit, Gamma.LargeInit })
                    seed[$"{name}_{Gamma.Label(g)}"] = f(g, s, step);
            o[$"s{s}"] = seed;
        }
        return o;
    }
}
