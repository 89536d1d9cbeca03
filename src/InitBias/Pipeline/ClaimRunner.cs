using InitBias.Claims;
using InitBias.Runs;
using InitBias.Snapshots;

namespace InitBias.Pipeline;

/// <summary>What running one claim produced: the result, its snapshot content's path, and figure failures.</summary>
public sealed record ClaimRun(ClaimResult Result, string ResultPath, IReadOnlyList<string> FigureFailures);

/// <summary>
/// Runs a claim the one way `initbias claim` and the claim tests share, in the order data flows: train (or reuse)
/// the grids the claim declares, read them and apply the rule, draw the figures of the grids trained so far
/// (FigureStep; a figure failure is reported, never a verdict), and write the snapshot content to
/// {out}/results/{Name}.{profile}.json.
/// </summary>
public static class ClaimRunner
{
    public static ClaimRun Run(Claim claim, ClaimContext ctx)
    {
        var training = ctx.ForTraining();
        var grids = claim.GridsIn(ctx.Profile);
        foreach (var grid in grids) GridTraining.Ensure(grid, training);
        var result = claim.Evaluate(ctx.ForReading().Only(grids));
        var figureFailures = FigureStep.DrawPending();
        string path = Path.Combine(ctx.OutRoot, "results", $"{claim.Name}.{ctx.Profile}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Canonical.Write(result.ToSnapshot()));
        return new ClaimRun(result, path, figureFailures);
    }

    /// <summary>
    /// A shard run (ctx.Shard): trains the shard's share of every grid the claim declares and returns the members
    /// still missing, as "grid/member". Nothing is evaluated.
    /// </summary>
    public static IReadOnlyList<string> TrainShard(Claim claim, ClaimContext ctx)
    {
        if (ctx.Shard is null) throw new ArgumentException("TrainShard needs a context with a shard");
        var training = ctx.ForTraining();
        return claim.GridsIn(ctx.Profile).Select(g => GridTraining.Ensure(g, training))
            .SelectMany(t => t.Missing.Select(m => $"{t.Grid.Folder}/{m}")).ToList();
    }
}
