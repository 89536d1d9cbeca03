using InitBias.Figures;
using InitBias.Reading;
using InitBias.Runs;

namespace InitBias.Pipeline;

/// <summary>
/// Draws the figures of every grid trained so far that has none yet, each into {out}/figures of the context that
/// trained it, reading the grid like a claim does. Called once after each claim (ClaimRunner). A figure that fails
/// is reported and skipped: it never changes a claim's verdict, and the next grid's figures are still drawn.
/// </summary>
public static class FigureStep
{
    /// <summary>Returns one line per grid whose figures failed (empty when all were drawn).</summary>
    public static IReadOnlyList<string> DrawPending()
    {
        var failures = new List<string>();
        foreach (var trained in GridTraining.Trained.Where(g => !g.FiguresDrawn && g.Missing.Count == 0))
        {
            trained.FiguresDrawn = true;
            var t = trained.Context;
            string folder = Path.Combine(t.OutRoot, "figures");
            try
            {
                Directory.CreateDirectory(folder);
                GridFigures.Draw(trained.Grid, new ReadContext(t.Profile, t.OutRoot, t.ConfigOf), folder);
            }
            catch (Exception ex)
            {
                failures.Add($"figures of {trained.Grid.Folder} failed ({ex.GetType().Name}: {ex.Message}); the " +
                             "claim's verdict stands");
            }
        }
        return failures;
    }
}
