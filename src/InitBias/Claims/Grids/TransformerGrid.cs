using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Claims.Probes;
using InitBias.Figures;
using InitBias.Tasks;

namespace InitBias.Claims.Grids;

/// <summary>
/// The transformer grid (γ 0.3 / 0.5 / 0.8 × 8 seeds) that C4-C6, C11-C16 and C20 read, with its probes (anchor
/// embeddings at the last step, TransformerProbe at every evaluation), its figures (3A, 5A-5D, 6, C20) and the readers
/// of what the probes wrote.
/// </summary>
public static class TransformerGrid
{
    public const double Large = 0.3, Reference = 0.5, Small = 0.8;
    public static readonly double[] Gammas = [Large, Reference, Small];

    public static GridRun Get(ClaimContext ctx) => GridRun.Get(ctx, "transformer", Gammas,
        (dirs, members) =>
        {
            var anchors = EmbeddingCheckpoints.Writer(dirs, new HashSet<int> { members[0].Train.Steps },
                members[0].Task.Anchors());
            var probe = TransformerProbe.Writer(dirs, members);
            return (step, model) => { anchors(step, model); probe(step, model); };
        },
        (grid, folder) =>
        {
            LossCurves.Write(grid, Path.Combine(folder, "fig3a_transformer_losses"), "Fig. 3A transformer");
            LossCurves.Write(grid, Path.Combine(folder, "fig3a_transformer_accuracy"), "Transformer accuracy", "acc");
            MechanismFigures.Write(ctx, grid, folder);
        });

    public static int LastStep(GridRun grid) => grid.Final(Small, grid.Seeds[0]).Step;

    public static TransformerProbeLine FirstProbe(GridRun grid, double gamma, long seed) =>
        TransformerProbe.Read(grid.Dir(gamma, seed))[0];

    public static TransformerProbeLine LastProbe(GridRun grid, double gamma, long seed) =>
        TransformerProbe.Read(grid.Dir(gamma, seed))[^1];

    /// <summary>The input-token embeddings (tokens 1..KeyMax, row k = token k + 1) at the last step.</summary>
    public static double[][] Embeddings(GridRun grid, double gamma, long seed) =>
        LastProbe(grid, gamma, seed).Embeddings!;

    /// <summary>The initial input-token embeddings (step 0).</summary>
    public static double[][] InitialEmbeddings(GridRun grid, double gamma, long seed) =>
        FirstProbe(grid, gamma, seed).Embeddings!;

    /// <summary>What training added to the input-token embeddings, w(last) − w(0) (C20 v2, diagnostics).
    /// </summary>
    public static double[][] LearnedPart(GridRun grid, double gamma, long seed)
    {
        var w0 = InitialEmbeddings(grid, gamma, seed);
        return Embeddings(grid, gamma, seed).Select((r, i) => Linalg.Subtract(r, w0[i])).ToArray();
    }

    /// <summary>Rows of a token block from input-token rows (row k = token k + 1).</summary>
    public static double[][] Block(double[][] inputRows, TokenBlock b) => inputRows[(b.First - 1)..b.Last];

    /// <summary>Cosines among the anchors of the learned part w(last) − w(0).</summary>
    public static TokenCosines LearnedAnchorCos(GridRun grid, double gamma, long seed, TokenBlock anchors) =>
        new(Linalg.CosineMatrix(Block(LearnedPart(grid, gamma, seed), anchors)), anchors.First);

    /// <summary>The evaluation steps the probe read (every evaluation of the run).</summary>
    public static IReadOnlyList<int> ProbeSteps(GridRun grid) =>
        TransformerProbe.Read(grid.Dir(Small, grid.Seeds[0])).Select(l => l.Step).ToList();

    /// <summary>Cosines among the anchors' updates w(step) − w(0), from the probe's embeddings.</summary>
    public static TokenCosines UpdateCosines(GridRun grid, double gamma, long seed, int step, TokenBlock anchors)
    {
        var lines = TransformerProbe.Read(grid.Dir(gamma, seed));
        var w0 = lines[0].Embeddings!;
        var w = lines.Single(l => l.Step == step).Embeddings!;
        var updates = Block(w, anchors).Select((r, i) => Linalg.Subtract(r, Block(w0, anchors)[i])).ToList();
        return new(Linalg.CosineMatrix(updates), anchors.First);
    }

    /// <summary>
    /// The progress point (CLAIMS.md, "The full profile"; diagnostics): the first evaluation at which this seed's
    /// γ 0.8 run reaches acc_rsn_train ≥ 0.9, or null if it never does. The paired γ 0.3 run is read at the same
    /// step.
    /// </summary>
    public static int? ProgressStep(GridRun grid, long seed) =>
        grid.Rows(Small, seed).FirstOrDefault(r => r.Accuracy(EvalGroup.RsnTrain) >= 0.9)?.Step;

    /// <summary>The probe line of one run at an evaluation step.</summary>
    public static TransformerProbeLine ProbeAt(GridRun grid, double gamma, long seed, int step) =>
        TransformerProbe.Read(grid.Dir(gamma, seed)).Single(l => l.Step == step);

    /// <summary>Cosines among a block's embeddings at an evaluation step, from the probe (input-token rows).</summary>
    public static TokenCosines CosAt(GridRun grid, double gamma, long seed, int step, TokenBlock block) =>
        new(Linalg.CosineMatrix(Block(ProbeAt(grid, gamma, seed, step).Embeddings!, block)), block.First);

    /// <summary>
    /// Diagnostics read at the progress point, per seed: its step and each named statistic at γ 0.8 and γ 0.3
    /// (f(γ, seed, step)); "not reached" for a seed whose γ 0.8 run never reaches it.
    /// </summary>
    public static JsonObject AtProgress(GridRun grid, params (string Name, Func<double, long, int, double> F)[] stats)
    {
        var o = new JsonObject();
        foreach (var s in grid.Seeds)
        {
            if (ProgressStep(grid, s) is not { } step)
            {
                o[$"s{s}"] = "not reached";
                continue;
            }
            var seed = new JsonObject { ["step"] = step };
            foreach (var (name, f) in stats)
                foreach (var g in new[] { Small, Large })
                    seed[$"{name}_{Claim.G(g)}"] = f(g, s, step);
            o[$"s{s}"] = seed;
        }
        return o;
    }

    /// <summary>Anchor cosines at the last step (the anchor checkpoint).</summary>
    public static TokenCosines AnchorCos(GridRun grid, double gamma, long seed) =>
        EmbeddingCheckpoints.Read(grid.Dir(gamma, seed), LastStep(grid)).Cosines;
}
