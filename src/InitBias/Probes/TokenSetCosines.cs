namespace InitBias.Probes;

/// <summary>
/// gpt2-mix, C3: mean pairwise input-embedding cosine of the PrOntoQA-only and the TinyStories-only tokens, their
/// counts, and the cosine matrices of the most frequent of each (Fig. 7B).
/// </summary>
public sealed record TokenSetCosines(
    double CosPq, double CosTs, int TokensPq, int TokensTs, double[][] HeatmapPq, double[][] HeatmapTs)
{
    public static readonly ProbeSection<TokenSetCosines> Section = new("token_sets");
}
