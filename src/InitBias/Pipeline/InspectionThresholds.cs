using System.Globalization;
using InitBias.Figures;
using InitBias.Reading;
using C12 = InitBias.Claims.C12_TransformerEmbeddingStructure;
using C13 = InitBias.Claims.C13_EmbeddingPcaOrdered;
using C14 = InitBias.Claims.C14_FirstLayerAveragesAndCarriesReasoning;
using C15 = InitBias.Claims.C15_SecondLayerFindsTheKey;
using C16 = InitBias.Claims.C16_TheoryMatchesTrainedEmbeddings;
using C20 = InitBias.Claims.C20_EmbeddingLowRankNotCondensed;

namespace InitBias.Pipeline;

/// <summary>
/// The rules' thresholds on the statistics `initbias inspect` draws (InspectionFigure), taken from the claims'
/// constants so the figure shows the line each rule compares with. A sign check's statistic must be above 0. The
/// rule checks γ 0.8 at its reading step; the line is drawn across every run for orientation.
/// </summary>
public static class InspectionThresholds
{
    /// <summary>What a sign check (SeedSeries.SignCheck) compares its statistic with: it must be above zero.</summary>
    private const double SignCheck = 0;

    public static IReadOnlyList<PanelThreshold> All =>
    [
        new(nameof(MechanismRow.Rho), $"C12: < {F(C12.RhoBelow)}", C12.RhoBelow),
        new(nameof(MechanismRow.MemMinusRsnCos), $"C12: > {F(SignCheck)}", SignCheck),
        new(nameof(MechanismRow.KeyPcaOrder), $"C13: > {F(C13.OrderAbove)}", C13.OrderAbove),
        new(nameof(MechanismRow.WvRatio), $"C14: > {F(C14.WvRatioAbove)}", C14.WvRatioAbove),
        new(nameof(MechanismRow.U1Gap), $"C14: > {F(SignCheck)}", SignCheck),
        new(nameof(MechanismRow.KeyProbeLayer2), $"C15 v2: > {F(C15.ProbeAbove)}", C15.ProbeAbove),
        new(nameof(MechanismRow.KeyProbeAttnOut), $"C15 v3: > {F(C15.ProbeAbove)}", C15.ProbeAbove),
        new(nameof(MechanismRow.Eq14MaxDifference), $"C16: < {F(C16.MaxDifferenceBelow)}", C16.MaxDifferenceBelow),
        new(nameof(MechanismRow.Eq14Shape), $"C16 v2, v3: < {F(C16.ShapeBelow)}", C16.ShapeBelow),
        new(nameof(MechanismRow.Erank), $"C20 v1: < {F(C20.RankFractionBelow)}·erank at step 0",
            PerRun: HalfInitialRank),
        new(nameof(MechanismRow.ErankLearned), $"C20 v2, v3: < {F(C20.RankFractionBelow)}·erank of w at step 0",
            PerRun: HalfInitialRank),
        new(nameof(MechanismRow.MeanAbsCosLearned), $"C20 v2, v3: < {F(C20.MeanCosBelow)}", C20.MeanCosBelow),
        new(nameof(MechanismRow.AccRsnTrain), $"progress point, premise: ≥ {F(ReadingPoint.ProgressAccuracy)}",
            ReadingPoint.ProgressAccuracy),
    ];

    /// <summary>C20's low-rank threshold for one run: the fraction of its own effective rank at step 0.</summary>
    private static double? HalfInitialRank(InspectedRun run) =>
        run.Rows.FirstOrDefault(r => r.Step == 0) is { } first ? C20.RankFractionBelow * first.Erank : null;

    private static string F(double x) => x.ToString(CultureInfo.InvariantCulture);
}
