using System.Text.Json.Nodes;
using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>C9, Fig. 4A memory block: memory anchors stay aligned, so the model cannot tell them apart.</summary>
public sealed class C09_MemoryAnchorsIndistinguishable : Claim
{
    public override string Figure => "Fig. 4A (memory block)";
    public override string Statement =>
        "Memory anchors stay hard to tell apart in embedding space: their embeddings are aligned (high pairwise " +
        "cosine) early and late.";
    public override ExpectedStatus Expected => new(Ci: Reproduced, Full: Reproduced, Paper: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.EmbMlp];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.EmbMlp);
        var memory = grid.Config.Task.MemoryAnchors();
        var (early, late) = ClaimGrids.EmbMlpCheckpoints(grid.Config, ctx.Profile);
        var checks = new List<ClaimCheck>();
        foreach (var (label, step) in new[] { ("early", early), ("late", late) })
        {
            var memoryCos = grid.PerSeed(s => grid.AnchorCos(SmallInit, s, step).MeanCos(memory));
            checks.Add(memoryCos.Above(0.8).SignCheck($"memory_anchors_aligned_{label}",
                $"mean pairwise cos of memory anchors - 0.8 > 0 at γ 0.8, step {step}"));
        }
        return Result(ctx, checks, new JsonObject { ["early_step"] = early, ["late_step"] = late });
    }
}
