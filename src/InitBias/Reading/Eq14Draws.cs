using InitBias.Analysis;
using InitBias.Tasks;
using InitBias.Theory;

namespace InitBias.Reading;

/// <summary>
/// Eq. 14's theoretical embeddings at the transformer grid's width and key range, γ 0.8 noise, one draw per seed
/// (C16, C17, Fig. 5C/5D).
/// </summary>
public static class Eq14Draws
{
    /// <summary>Fig. 5C's reference anchor: profiles are cos(w_15, w_s).</summary>
    public const int Reference = 15;
    private const double Gamma = Grids.Gamma.SmallInit;

    public static double[][] Reasoning(ReadContext ctx, long seed) => Reasoning(ctx.ConfigOf("transformer"), seed);

    public static double[][] Keys(ReadContext ctx, long seed) => Keys(ctx.ConfigOf("transformer"), seed);

    /// <summary>The reasoning anchors' eq. 14 embeddings at a transformer config's width (one draw per seed).</summary>
    public static double[][] Reasoning(Experiments.RunConfig c, long seed) =>
        Eq14Embeddings.Embeddings(c.Task.RsnAnchorMin, c.Task.RsnAnchorMax, true, c.Model.DModel, Gamma,
            Rng.Derive(seed, "eq14-rsn"));

    public static double[][] Keys(Experiments.RunConfig c, long seed) =>
        Eq14Embeddings.Embeddings(c.Task.KeyMin, c.Task.KeyMax, false, c.Model.DModel, Gamma,
            Rng.Derive(seed, "eq14-keys"));

    /// <summary>cos(w_15, w_s) for the reasoning anchors s ≠ 15 of a trained model's anchor cosines.</summary>
    public static double[] Profile(TokenCosines anchors, TokenBlock reasoning) =>
        Enumerable.Range(reasoning.First, reasoning.Count).Where(s => s != Reference)
            .Select(s => anchors[Reference, s]).ToArray();

    /// <summary>The same profile of eq. 14's reasoning-anchor embeddings (rows in anchor order).</summary>
    public static double[] TheoryProfile(double[][] reasoning, TokenBlock block) =>
        Profile(new TokenCosines(Linalg.CosineMatrix(reasoning), block.First), block);

    /// <summary>max over PC1, PC2 of |Spearman(token value, projection)| over all rows (rows in value order).</summary>
    public static double PcaOrder(double[][] rows) =>
        Geometry.PcaOrder(rows, Enumerable.Range(0, rows.Length).ToList(),
            Enumerable.Range(0, rows.Length).Select(i => (double)i).ToList());
}
