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
}
