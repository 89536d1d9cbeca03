using InitBias.Analysis;
using InitBias.Grids;

namespace InitBias.Reading;

/// <summary>
/// C10 (b) and Fig. 4C: the cosines of the label-distribution vectors P̃_s, counted by the run from its training data,
/// against the cosines of the anchors' embedding updates Δw_s from step 0 to a step (the Emb-MLP grid, γ 0.8).
/// </summary>
public static class LabelCosines
{
    public static (double[,] Labels, double[,] Updates) Of(GridReader grid, long seed, int step)
    {
        var p = grid.LabelDistributions(Gamma.SmallInit, seed).Select(d => d.Centered()).ToList();
        var w0 = grid.AnchorRows(Gamma.SmallInit, seed, 0);
        var w1 = grid.AnchorRows(Gamma.SmallInit, seed, step);
        var dw = MechanismStatistics.Learned(w1, w0);
        return (Linalg.CosineMatrix(p), Linalg.CosineMatrix(dw));
    }
}
