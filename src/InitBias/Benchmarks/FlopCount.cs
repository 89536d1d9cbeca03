using InitBias.Experiments;

namespace InitBias.Benchmarks;

/// <summary>
/// Matmul work of one training step, counted from the model's actual shapes: 2·m·n·k per matmul forward, and
/// backward twice the forward (grads of both operands), so a step is 3× the forward. Elementwise ops, softmax,
/// LayerNorm and the optimizer are not counted: the ratio to the matmul peak is a lower bound on efficiency.
/// </summary>
public static class FlopCount
{
    public static double TrainingStep(RunConfig c, int members) => 3 * Forward(c) * members;

    /// <summary>Forward FLOPs of one member for one batch.</summary>
    public static double Forward(RunConfig c)
    {
        double b = c.Train.BatchSize, l = c.Task.SeqLen, d = c.Model.DModel, f = c.Model.DFF, v = c.Model.VocabSize;
        switch (c.Experiment)
        {
            case "transformer":
            {
                double k = c.Model.DK;
                double perLayer = 3 * 2 * b * l * d * k   // Q, K, V projections
                                  + 2 * 2 * b * l * l * k // scores and attention-weighted values
                                  + 2 * b * l * k * d     // output projection
                                  + 2 * 2 * b * l * d * f; // FFN
                return c.Model.Layers * perLayer + 2 * b * d * v; // head at the last position only
            }
            case "emb-mlp":
                return 2 * b * d * f + 2 * b * f * v;
            default:
                throw new ArgumentException($"no FLOP count for experiment '{c.Experiment}'");
        }
    }
}
