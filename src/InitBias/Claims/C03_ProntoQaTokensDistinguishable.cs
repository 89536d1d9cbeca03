using System.Text.Json.Nodes;
using InitBias.Grids;
using InitBias.Probes;
using InitBias.Reading;
using InitBias.Stats;
using static InitBias.Grids.Gamma;
using static InitBias.Reading.MixtureReadings;

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
    public override ExpectedStatus Expected => new(Ci: NotReproduced, Full: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Gpt2Mix];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Gpt2Mix);
        // The token sets at each run's early step: the first evaluation where L_PQ has fallen by half its range.
        TokenSetCosines Early(long s) =>
            grid.ProbeAt(SmallInit, s, EarlyStep(grid.Rows(SmallInit, s))).TokenSets!;
        var pq = grid.PerSeed(s => Early(s).CosPq);
        var ts = grid.PerSeed(s => Early(s).CosTs);
        ClaimCheck[] checks =
        [
            ts.Minus(pq).SignCheck("prontoqa_tokens_less_alike",
                "mean pairwise cos(TinyStories-only tokens) − mean pairwise cos(PrOntoQA-only tokens) > 0 " +
                "at γ 0.8, " +
                "at the first evaluation where L_PQ has fallen by half its range"),
        ];
        var first = grid.Probes(SmallInit, grid.Seeds[0])[0].TokenSets!;
        return Result(ctx, checks, new JsonObject
        {
            ["cos_pq"] = pq.ToJson(),
            ["cos_ts"] = ts.ToJson(),
            ["early_step"] = grid.PerSeed(s => EarlyStep(grid.Rows(SmallInit, s))).ToJson(),
            ["tokens_pq"] = first.TokensPq,
            ["tokens_ts"] = first.TokensTs,
        });
    }
}
