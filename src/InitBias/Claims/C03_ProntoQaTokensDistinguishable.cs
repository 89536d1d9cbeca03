using System.Text.Json.Nodes;
using InitBias.Claims.Grids;
using InitBias.Claims.Probes;
using static InitBias.Claims.Grids.Gpt2Grid;

namespace InitBias.Claims;

/// <summary>
/// C3, Fig. 7B: early on, PrOntoQA-only tokens are less alike in embedding space than TinyStories-only tokens.
/// </summary>
public sealed class C03_ProntoQaTokensDistinguishable : Claim
{
    public override string Figure => "Fig. 7B";
    public override string Statement =>
        "Early in small-init training, PrOntoQA-only tokens have a lower mean pairwise embedding cosine than " +
        "TinyStories-only tokens (paper: 0.123 vs 0.531).";
    public override ExpectedStatus Expected => new(Ci: false, Full: false);

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = Gpt2Grid.Get(ctx);
        // The probe line at each run's early step: the first evaluation where L_PQ has fallen by half its range.
        Gpt2ProbeLine Early(long s) =>
            Gpt2Probe.Read(grid.Dir(Small, s)).First(l => l.Step == EarlyStep(grid.Rows(Small, s)));
        var pq = SeedSeries.Of(grid.Seeds, s => Early(s).CosPq);
        var ts = SeedSeries.Of(grid.Seeds, s => Early(s).CosTs);
        ClaimCheck[] checks =
        [
            ts.Minus(pq).SignCheck("prontoqa_tokens_less_alike",
                "mean pairwise cos(TinyStories-only tokens) − mean pairwise cos(PrOntoQA-only tokens) > 0 " +
                "at γ 0.8, " +
                "at the first evaluation where L_PQ has fallen by half its range"),
        ];
        var first = Gpt2Probe.Read(grid.Dir(Small, grid.Seeds[0]))[0];
        return Result(ctx, checks, new JsonObject
        {
            ["cos_pq"] = pq.ToJson(),
            ["cos_ts"] = ts.ToJson(),
            ["early_step"] = SeedSeries.Of(grid.Seeds, s => EarlyStep(grid.Rows(Small, s))).ToJson(),
            ["tokens_pq"] = first.TokensPq,
            ["tokens_ts"] = first.TokensTs,
        });
    }
}
