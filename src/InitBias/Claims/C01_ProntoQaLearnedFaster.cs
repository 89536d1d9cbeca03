using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using static InitBias.Grids.Gamma;
using static InitBias.Reading.MixtureReadings;

namespace InitBias.Claims;

/// <summary>
/// C1, Fig. 1: on the real-data mixture the PrOntoQA loss lies below the TinyStories loss and drops earlier.
/// </summary>
public sealed class C01_ProntoQaLearnedFaster : Claim
{
    public override string Figure => "Fig. 1";
    public override string Statement =>
        "A GPT-2 trained from small initialisation on a PrOntoQA + TinyStories mixture: the PrOntoQA loss lies below " +
        "the TinyStories loss and drops earlier.";
    public override ExpectedStatus Expected => new(Ci: NotReproduced, Full: Reproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Gpt2Mix];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Gpt2Mix);
        var below = grid.PerSeed(SmallInit, MatchedSteps);
        var earlier = grid.PerSeed(SmallInit, m => HalfwayStep(m, TinyStoriesLoss) - HalfwayStep(m, ProntoQaLoss));
        ClaimCheck[] checks =
        [
            below.SignCheck("prontoqa_loss_below",
                "ΔL = (L_TS − L_PQ) / L_PQ averaged over the evaluations of the first half of training > 0, γ 0.8"),
            earlier.SignCheck("prontoqa_drops_earlier",
                "halfway step of L_TS − halfway step of L_PQ > 0 (step where a loss has fallen by half its range, " +
                "interpolated), γ 0.8"),
        ];
        // v2 (CLAIMS.md): both losses start at ln V, so "falls faster" is the absolute drop at matched steps.
        var fasterDrop = grid.PerSeed(SmallInit, m => m.Where(r => r.Step > 0 && r.Step <= m[^1].Step / 2.0)
            .Average(r => (ProntoQaLoss(m[0]) - ProntoQaLoss(r)) - (TinyStoriesLoss(m[0]) - TinyStoriesLoss(r))));
        ClaimCheck[] v2 =
        [
            checks[0],
            fasterDrop.SignCheck("prontoqa_loss_falls_further",
                "mean over the evaluations of the first half of training of [L_PQ(0) − L_PQ(t)] − " +
                "[L_TS(0) − L_TS(t)] > 0, γ 0.8"),
        ];
        return Result(ctx, checks, v2, grid.SnapshotMetrics([SmallInit]));
    }
}
