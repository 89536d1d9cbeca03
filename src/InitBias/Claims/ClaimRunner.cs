using InitBias.Snapshots;

namespace InitBias.Claims;

/// <summary>What running one claim produced: the result, its snapshot content's path, and figure failures.</summary>
public sealed record ClaimRun(ClaimResult Result, string ResultPath, IReadOnlyList<string> FigureFailures);

/// <summary>
/// Runs a claim the one way `initbias claim` and the claim tests share: train or reuse its grids, apply the rule,
/// draw the figures of the grids trained so far (FigureStep; a figure failure is reported, never a verdict), and
/// write the snapshot content to {out}/results/{Name}.{profile}.json.
/// </summary>
public static class ClaimRunner
{
    public static ClaimRun Run(Claim claim, ClaimContext ctx)
    {
        var result = claim.Run(ctx);
        var figureFailures = FigureStep.DrawPending();
        string path = Path.Combine(ctx.OutRoot, "results", $"{claim.Name}.{ctx.Profile}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Canonical.Write(result.ToSnapshot()));
        return new ClaimRun(result, path, figureFailures);
    }

    /// <summary>
    /// A shard run (ctx.Shard): trains the shard's share of every grid the claim reads and returns the members
    /// still missing, as "grid/member". Claims ask for all their grids before reading any (C11, C22 read two), so
    /// a read that fails on a missing member ends the claim only after every grid has had its share trained.
    /// </summary>
    public static IReadOnlyList<string> TrainShard(Claim claim, ClaimContext ctx)
    {
        if (ctx.Shard is null) throw new ArgumentException("TrainShard needs a context with a shard");
        try
        {
            claim.Run(ctx);
        }
        catch (IOException) when (Grids.GridRun.Trained.Any(g => g.Missing.Count > 0))
        {
            // A read of a member another shard trains: expected until every shard has finished.
        }
        return Grids.GridRun.Trained
            .SelectMany(g => g.Missing.Select(m => $"{Path.GetFileName(g.Folder)}/{m}")).ToList();
    }
}
