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
        double b = c.Train.BatchSize, d = c.Model.DModel, f = c.Model.DFF, v = c.Model.VocabSize;
        switch (c.Experiment)
        {
            case "transformer" or "transformer-no-ln" or "transformer-low-lr" or "transformer-next-token":
                {
                    double l = c.Task.SeqLen, k = c.Model.DK;
                    // q query rows attend over l positions; the top layer computes only the last row (ForwardLast).
                    double Layer(double q) => 2 * 2 * b * l * d * k // K, V projections
                                              + 2 * b * q * d * k    // Q projection
                                              + 2 * 2 * b * q * l * k // scores and attention-weighted values
                                              + 2 * b * q * k * d    // output projection
                                              + 2 * 2 * b * q * d * f; // FFN
                    // Next-token training (C23) computes the top layer and the head at every position.
                    return c.Model.LogitsAtEveryPosition
                        ? c.Model.Layers * Layer(l) + 2 * b * l * d * v
                        : (c.Model.Layers - 1) * Layer(l) + Layer(1) + 2 * b * d * v; // head at the last position
                }
            case "emb-mlp" or "emb-mlp-noisy" or "label-groups" or "label-groups-disjoint" or "mem-uniform"
                or "mem-local":
                return 2 * b * d * f + 2 * b * f * v;
            case "gpt2-mix":
                {
                    double t = c.Corpus!.ContextLength;
                    double layer = 4 * 2 * b * t * d * d // Q, K, V, output projections
                                   + 2 * 2 * b * t * t * d // scores and weighted values, all heads
                                   + 2 * 2 * b * t * d * f; // MLP
                    return c.Model.Layers * layer + 2 * b * t * d * v; // head at every position
                }
            default:
                throw new ArgumentException($"no FLOP count for experiment '{c.Experiment}'");
        }
    }

    /// <summary>Tokens one member reads per step (the sequence positions of its batch).</summary>
    public static double TokensPerStep(RunConfig c) =>
        c.Train.BatchSize * (c.Corpus?.ContextLength ?? c.Task.SeqLen);
}
