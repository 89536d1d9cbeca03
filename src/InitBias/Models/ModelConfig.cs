namespace InitBias.Models;

/// <summary>
/// Model sizes. Defaults are spec §10 (#1-#4): d_model 400, d_ff 1200, d_k 200, 2 layers, 1 head, vocabulary 201,
/// 20 learned positions. The Emb-MLP reads DModel as d_m and DFF as d_f (spec default 200 / 200).
/// </summary>
public sealed record ModelConfig
{
    public int VocabSize { get; init; } = 201;
    public int DModel { get; init; } = 400;
    public int DFF { get; init; } = 1200;
    public int DK { get; init; } = 200;
    public int Layers { get; init; } = 2;
    public int MaxPositions { get; init; } = 20;
    /// <summary>
    /// Attention heads (the synthetic transformer has one; the GPT-2-style decoder splits d_model among them).
    /// </summary>
    public int Heads { get; init; } = 1;
    /// <summary>
    /// The synthetic transformer's LayerNorms; false removes them (C22, App. F: LayerNorm does not change the results).
    /// </summary>
    public bool LayerNorm { get; init; } = true;

    /// <summary>
    /// The synthetic transformer's logits at every position ([E, B, L, V], for the next-token objective, C23) instead
    /// of the last position only.
    /// </summary>
    public bool LogitsAtEveryPosition { get; init; }

    public IEnumerable<string> Validate()
    {
        if (VocabSize < 2) yield return "model: vocabSize must be at least 2";
        if (DModel < 1 || DFF < 1 || DK < 1) yield return "model: dModel, dFF and dK must be positive";
        if (Layers < 1) yield return "model: layers must be positive";
        if (MaxPositions < 1) yield return "model: maxPositions must be positive";
        if (Heads < 1 || DModel % Heads != 0)
            yield return $"model: heads must be positive and divide dModel (got {Heads} for {DModel})";
    }
}
