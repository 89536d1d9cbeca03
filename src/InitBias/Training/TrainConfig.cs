using System.Text.Json.Serialization;

namespace InitBias.Training;

/// <summary>
/// Optimisation settings. Defaults are spec §6/§10 #6-#7: AdamW (β 0.9/0.999, eps 1e-8, weight decay 0.01), base lr
/// 1e-5 with linear warm-up ×25 (peak 2.5e-4) over the first 5% of steps, cosine to 1e-5, gradient-norm clip 1.0,
/// batch 100.
/// </summary>
public sealed record TrainConfig
{
    public int Steps { get; init; } = 2000;
    public int BatchSize { get; init; } = 100;
    public double BaseLr { get; init; } = 1e-5;
    public double WarmupMultiplier { get; init; } = 25;
    public double WarmupFraction { get; init; } = 0.05;
    public double MinLr { get; init; } = 1e-5;
    public double WeightDecay { get; init; } = 0.01;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Eps { get; init; } = 1e-8;
    /// <summary>Per-member gradient-norm clip; 0 disables it.</summary>
    public double ClipNorm { get; init; } = 1.0;
    public int EvalEvery { get; init; } = 50;

    /// <summary>
    /// Extra evaluations early in training: every DenseEvalEvery steps before step DenseEvalUntil (0: none). Some
    /// structures exist only early (C12's aligned memory anchors, C14's dominant W^V direction), and a probe sees
    /// only the steps evaluated. Evaluating reads the model without changing it, so the trajectory is the same.
    /// Omitted from JSON when 0, so configs written before it existed read and compare the same.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int DenseEvalEvery { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int DenseEvalUntil { get; init; }

    /// <summary>Whether the trainer evaluates after this many steps (the last step always).</summary>
    public bool EvaluatesAt(int step) => step % EvalEvery == 0 || step == Steps
        || (DenseEvalEvery > 0 && step < DenseEvalUntil && step % DenseEvalEvery == 0);
    public int EvalBatchSize { get; init; } = 1000;
    /// <summary>
    /// "last-token" (the synthetic tasks, spec §3.2) or "next-token" (the real-data LM, spec §8: every position).
    /// </summary>
    public string Objective { get; init; } = "last-token";
    /// <summary>
    /// Matmul precision (Models/MatmulPrecision): "fp32", or "bf16" operands with float32 weights, optimiser state,
    /// LayerNorm, softmax and loss. bf16 is fast only on CPUs with native bfloat16 (AVX512-BF16, AMX) and on GPUs.
    /// </summary>
    public string Precision { get; init; } = Models.MatmulPrecision.Fp32;

    /// <summary>
    /// With the next-token objective, evaluate only the last position's prediction of the label (the anchor task
    /// trained on all positions, C23) instead of every position.
    /// </summary>
    public bool EvaluateLastToken { get; init; }

    public IEnumerable<string> Validate()
    {
        if (Steps <= 0) yield return $"train: steps must be positive (got {Steps})";
        if (BatchSize <= 0) yield return $"train: batchSize must be positive (got {BatchSize})";
        if (EvalEvery <= 0) yield return $"train: evalEvery must be positive (got {EvalEvery})";
        if (DenseEvalEvery < 0 || DenseEvalUntil < 0 || (DenseEvalEvery == 0) != (DenseEvalUntil == 0))
            yield return "train: denseEvalEvery and denseEvalUntil must both be positive, or both 0 (got " +
                         $"{DenseEvalEvery} and {DenseEvalUntil})";
        if (EvalBatchSize <= 0) yield return $"train: evalBatchSize must be positive (got {EvalBatchSize})";
        if (!(BaseLr > 0) || !(MinLr >= 0) || !(WarmupMultiplier >= 1))
            yield return "train: learning rates must be positive and warmupMultiplier >= 1";
        if (!(WarmupFraction >= 0 && WarmupFraction < 1)) yield return "train: warmupFraction must be in [0, 1)";
        if (!(Beta1 is >= 0 and < 1) || !(Beta2 is >= 0 and < 1) || !(Eps > 0))
            yield return "train: betas must be in [0, 1) and eps positive";
        if (!(WeightDecay >= 0) || !(ClipNorm >= 0))
            yield return "train: weightDecay and clipNorm must be non-negative";
        if (Objective is not ("last-token" or "next-token"))
            yield return $"train: objective '{Objective}' is not last-token or next-token";
        if (!Models.MatmulPrecision.All.Contains(Precision))
            yield return $"train: precision '{Precision}' is not fp32 or bf16";
    }
}
