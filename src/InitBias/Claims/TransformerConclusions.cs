using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;

namespace InitBias.Claims;

/// <summary>
/// The conclusions of C4-C6 as three checks on a γ 0.3 / 0.8 grid, for claims that ask whether they survive a change
/// of the model or the training (C22, C23): the small init is ahead on held-out reasoning, more than the large init,
/// and the large init does not generalise.
/// </summary>
public static class TransformerConclusions
{
    /// <summary>
    /// The premise of C22 and C23 (v3): the variant's small-init model has left its plateau at the last step,
    /// acc_rsn_train above 0.5 by a sign test over the seeds.
    /// </summary>
    public static ClaimCheck LeftPlateau(GridReader grid, string variant) =>
        grid.PerSeed(Gamma.SmallInit, m => m[^1].Accuracy(EvalGroup.RsnTrain)).Above(0.5).SignCheck(
            $"premise_{variant}_left_its_plateau",
            $"{variant}: acc_rsn_train(γ 0.8) - 0.5 > 0 at the last evaluation: the model has left its plateau");

    /// <summary>v4: a variant's premise gates that variant's checks (named "{variant}_…") and no other.</summary>
    public static GatedPremise Gate(ClaimCheck premise, IEnumerable<ClaimCheck> checks, string variant) =>
        new(premise, checks.Select(c => c.Name).Where(n => n.StartsWith(variant + "_", StringComparison.Ordinal))
            .ToList());

    public static IReadOnlyList<ClaimCheck> Checks(GridReader grid, string variant)
    {
        SeedSeries HeldOutBias(double g) => grid.PerSeed(g, m => m[^1].DeltaL(EvalGroup.RsnTest));
        return
        [
            HeldOutBias(Gamma.SmallInit).SignCheck($"{variant}_held_out_reasoning_ahead_at_0.8",
                $"{variant}: ΔL_test = (L_mem - L_rsn_test) / L_rsn_test > 0 at γ 0.8, last evaluation (C5)"),
            HeldOutBias(Gamma.SmallInit).Minus(HeldOutBias(Gamma.LargeInit)).SignCheck(
                $"{variant}_bias_0.8_above_0.3",
                $"{variant}: ΔL_test(γ 0.8) - ΔL_test(γ 0.3) > 0, paired by seed (C6)"),
            grid.PerSeed(Gamma.LargeInit, m => m[^1].Accuracy(EvalGroup.RsnTest)).MeanCheck(
                $"{variant}_held_out_accuracy_near_zero_at_0.3",
                $"{variant}: mean final acc_rsn_test at γ 0.3 <= 0.05 (C4)", mean => mean <= 0.05),
        ];
    }
}
