namespace InitBias.Claims.Grids;

/// <summary>
/// C11's contrast: the Emb-MLP on exactly the transformer's task and data (noise tokens, L = 9), γ 0.8 × 8 seeds.
/// Same seed = same data as the transformer grid: the two experiments share the task config, hence the data stream.
/// </summary>
public static class NoisyEmbMlpGrid
{
    public const double Small = 0.8;

    public static GridRun Get(ClaimContext ctx) => GridRun.Get(ctx, "emb-mlp-noisy", [Small]);
}
