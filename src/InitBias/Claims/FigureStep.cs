using InitBias.Claims.Grids;

namespace InitBias.Claims;

/// <summary>
/// Draws the figures of every grid trained so far that has none yet, each into {out}/figures of the context that
/// trained it. Called once after each claim by `initbias claim` and the claim tests (ClaimRunner). A figure that
/// fails is reported and skipped: it never changes a claim's verdict, and the next grid's figures are still drawn.
/// </summary>
public static class FigureStep
{
    /// <summary>Returns one line per grid whose figures failed (empty when all were drawn).</summary>
    public static IReadOnlyList<string> DrawPending()
    {
        var failures = new List<string>();
        foreach (var grid in GridRun.Trained.Where(g => !g.FiguresDrawn && g.Figures is not null))
        {
            grid.FiguresDrawn = true;
            try
            {
                Directory.CreateDirectory(grid.FiguresFolder);
                grid.Figures!(grid.FiguresFolder);
            }
            catch (Exception ex)
            {
                failures.Add($"figures of {Path.GetFileName(grid.Folder)} failed ({ex.GetType().Name}: " +
                             $"{ex.Message}); the claim's verdict stands");
            }
        }
        return failures;
    }
}
