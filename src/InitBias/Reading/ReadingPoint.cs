using System.Text.Json.Nodes;
using InitBias.Grids;
using InitBias.Stats;
using InitBias.Tasks;

namespace InitBias.Reading;

/// <summary>
/// Where a v3 mechanism rule reads a seed (CLAIMS.md, "Rules v3", "The reading points"): a step found on the
/// γ 0.8 run's loss and accuracy curves, dense early evaluations included, never from the claim's own statistic. The
/// paired γ 0.3 run is read at the same step. A seed whose γ 0.8 run never reaches the point is read at its last step
/// and counts against the premise. Premise is the check of the state the point stands for (ReadingPoints.PremiseAt).
/// </summary>
public sealed record ReadingPoint(string Name, string Definition, string State,
    Func<IReadOnlyList<MetricRow>, int?> FindIn, Func<GridReader, ReadingPoint, ClaimCheck> Premise)
{
    /// <summary>acc_rsn_train(γ 0.8) at the progress point: the reasoning pairs are learned.</summary>
    public const double ProgressAccuracy = 0.9;

    /// <summary>The trained model: the first evaluation with acc_rsn_train ≥ 0.9.</summary>
    public static readonly ReadingPoint Progress = new("the progress point",
        "the first evaluation with acc_rsn_train(γ 0.8) ≥ 0.9",
        "the trained small-init model: γ 0.8 has learned the reasoning pairs (acc_rsn_train ≥ 0.9)",
        rows =>
            rows.FirstOrDefault(r => r.Accuracy(EvalGroup.RsnTrain) >= ProgressAccuracy)?.Step,
        (grid, point) => grid.LearnedPremise(s => grid.StepOf(point, s), point.Name));

    /// <summary>L_mem − L_rsn_train at the onset: the reasoning bias first visible in the losses.</summary>
    public const double OnsetGap = 0.1;

    /// <summary>The end of the early stage: the first evaluation with L_mem − L_rsn_train ≥ 0.1.</summary>
    public static readonly ReadingPoint Onset = new("the onset",
        $"the first evaluation (dense ones included) with L_mem − L_rsn_train ≥ {OnsetGap} at γ 0.8",
        $"the early stage's end: γ 0.8's reasoning loss has pulled away from its memory loss by {OnsetGap}",
        rows => rows.FirstOrDefault(r => r.Loss(EvalGroup.Mem) - r.Loss(EvalGroup.RsnTrain) >= OnsetGap)?.Step,
        ReadingPoints.ReachedPremise);
}

/// <summary>A grid read at a reading point: the step, the premise, diagnostics there.</summary>
public static class ReadingPoints
{
    /// <summary>The step of the point for one seed, or null if the seed's γ 0.8 run never reaches it.</summary>
    public static int? Find(this GridReader grid, ReadingPoint point, long seed) =>
        point.FindIn(grid.AllRows(Gamma.SmallInit, seed));

    /// <summary>The step a rule reads for one seed: the point, or the last step where it is never reached.</summary>
    public static int StepOf(this GridReader grid, ReadingPoint point, long seed) =>
        grid.Find(point, seed) ?? grid.LastStep;

    /// <summary>The premise of a rule read at a point: the point's own (ReadingPoint.Premise).</summary>
    public static ClaimCheck PremiseAt(this GridReader grid, ReadingPoint point) => point.Premise(grid, point);

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
    public static ClaimCheck LearnedPremise(this GridReader grid, Func<long, int> stepOf, string where)
    {
        var accuracy = grid.PerSeed(s =>
            grid.RowAt(Gamma.SmallInit, s, stepOf(s)).Accuracy(EvalGroup.RsnTrain));
        int learned = accuracy.Values.Count(a => a >= ReadingPoint.ProgressAccuracy), needed = grid.PremiseSeedsNeeded;
        return new ClaimCheck("premise_reasoning_learned",
            $"acc_rsn_train(γ 0.8) ≥ 0.9 at {where} in at least {needed} of {grid.Seeds.Count} seeds: the model " +
            "has learned the reasoning pairs (value: the seeds where it has)", learned, learned >= needed,
            accuracy.Seeds.Select((s, i) => (s, i)).ToDictionary(x => $"seed{x.s}", x => accuracy.Values[x.i]));
    }

    /// <summary>
    /// The premise of a point that stands for no more than being reached (the onset): the γ 0.8 run reaches it, in
    /// at least 7 of 8 seeds. (The progress point's premise is LearnedPremise: learned there, not only reached.)
    /// </summary>
    public static ClaimCheck ReachedPremise(this GridReader grid, ReadingPoint point)
    {
        var reached = grid.PerSeed(s => grid.Find(point, s) is null ? 0 : 1);
        int count = (int)reached.Values.Sum(), needed = grid.PremiseSeedsNeeded;
        return new ClaimCheck("premise_reading_point_reached",
            $"{point.Definition} exists in at least {needed} of {grid.Seeds.Count} seeds: the γ 0.8 model reaches " +
            "the stage the claim is about (value: the seeds where it does)", count, count >= needed,
            reached.Seeds.Select((s, i) => (s, i)).ToDictionary(x => $"seed{x.s}", x => reached.Values[x.i]));
    }

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
