using InitBias.Analysis;
using InitBias.Probes;
using InitBias.Stats;
using InitBias.Tasks;

namespace InitBias.Reading;

/// <summary>
/// The statistics the mechanism claims read (C12-C16, C20), one implementation shared by the claims, their figures
/// and `initbias inspect`, each from a transformer run's probe lines at one step. Those of the embedding rows
/// (effective rank, mean cosine, w − w0, PCA order) are computed here from the rows the probe recorded, never
/// recorded themselves (docs/reading.md; the anchors' cosines, ρ and memory − reasoning cosine: TokenCosines;
/// eq. 14's profile: Eq14Draws).
/// </summary>
public static class MechanismStatistics
{
    /// <summary>A token block's rows of the probe's input-token rows (row k is token k + 1).</summary>
    public static double[][] Block(double[][] inputRows, TokenBlock b) =>
        b.Slice(inputRows, TaskBlocks.FirstInputToken);

    /// <summary>What training added, w − w0, row by row.</summary>
    public static double[][] Learned(double[][] w, double[][] w0) =>
        w.Select((r, i) => Linalg.Subtract(r, w0[i])).ToArray();

    /// <summary>C13: max over PC1, PC2 of |Spearman(key value, projection)| over the keys, PCA of every input row.
    /// </summary>
    public static double KeyPcaOrder(double[][] inputRows, CompositionTaskConfig task)
    {
        var keys = task.Keys();
        // The keys are the tokens whose value the task uses as a number: their rows, valued by token id.
        var (from, _) = keys.Indices(TaskBlocks.FirstInputToken);
        var keyRows = Enumerable.Range(from, keys.Count).ToList();
        return Geometry.PcaOrder(inputRows, keyRows, keys.Tokens.Select(k => (double)k).ToList());
    }

    /// <summary>C14: σ1/σ2 of layer 1's W^V.</summary>
    public static double WvRatio(MechanismReadout m) => m.WvSingularValues![0] / m.WvSingularValues[1];

    /// <summary>C14: mean |cos(u1, w_s)| over a block of anchors, from the probe's values for the anchors 1..20.
    /// </summary>
    public static double U1Mean(double[] perAnchor, TokenBlock block, CompositionTaskConfig task)
    {
        var (from, to) = block.Indices(task.Anchors().First);
        return Geometry.Mean(perAnchor, from, to);
    }

    /// <summary>C14: the u1 alignment gap, reasoning anchors minus memory anchors.</summary>
    public static double U1Gap(double[] perAnchor, CompositionTaskConfig task) =>
        U1Mean(perAnchor, task.ReasoningAnchors(), task) - U1Mean(perAnchor, task.MemoryAnchors(), task);

    /// <summary>C16: max_s |cos_theory(15, s) − cos_trained(15, s)| over s ∈ 11..20 \ {15}.</summary>
    public static double Eq14MaxDifference(double[] theory, double[] trained) =>
        theory.Zip(trained, (a, b) => Math.Abs(a - b)).Max();

    /// <summary>C16 v2's shape check: Spearman(|s − 15|, cos_trained(15, s)); eq. 14's falls (−1).</summary>
    public static double Eq14Shape(double[] trained, CompositionTaskConfig task)
    {
        var reasoning = task.ReasoningAnchors();
        var distances = Enumerable.Range(reasoning.First, reasoning.Count).Where(s => s != Eq14Draws.Reference)
            .Select(s => (double)Math.Abs(s - Eq14Draws.Reference)).ToList();
        return Spearman.Correlation(distances, trained);
    }

    /// <summary>C20: effective rank, exp of the entropy of the normalised singular values.</summary>
    public static double Erank(double[][] rows) => Linalg.EffectiveRank(Linalg.SingularValues(rows));

    /// <summary>C20 v1: mean pairwise cosine of the rows (i ≠ j).</summary>
    public static double MeanCos(double[][] rows) => Geometry.MeanOffDiagonal(Linalg.CosineMatrix(rows));

    /// <summary>C20 v2: mean pairwise |cos| of the rows (condensed when near 1).</summary>
    public static double MeanAbsCos(double[][] rows) => Geometry.MeanAbsCos(Linalg.CosineMatrix(rows));
}
