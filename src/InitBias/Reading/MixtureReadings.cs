using InitBias.Tasks;

namespace InitBias.Reading;

/// <summary>
/// The readings C1-C3 and their figures take from the gpt2-mix grid's loss curves: ΔL, the halfway step of a loss
/// curve, matched steps and matched progress, and C3's early step.
/// </summary>
public static class MixtureReadings
{
    public static double ProntoQaLoss(MetricRow r) => r.Loss(EvalGroup.ProntoQa);
    public static double TinyStoriesLoss(MetricRow r) => r.Loss(EvalGroup.TinyStories);

    /// <summary>ΔL = (L_TS − L_PQ) / L_PQ of one evaluation.</summary>
    public static double DeltaL(MetricRow r) => (TinyStoriesLoss(r) - ProntoQaLoss(r)) / ProntoQaLoss(r);

    /// <summary>
    /// Matched steps: ΔL averaged over the evaluations in the first half of training (after step 0).
    /// </summary>
    public static double MatchedSteps(IReadOnlyList<MetricRow> m)
    {
        double half = m[^1].Step / 2.0;
        return m.Where(r => r.Step > 0 && r.Step <= half).Average(DeltaL);
    }

    /// <summary>
    /// The step (linearly interpolated between evaluations) at which f has fallen by half its range, f(0) − min f.
    /// </summary>
    public static double HalfwayStep(IReadOnlyList<MetricRow> m, Func<MetricRow, double> f)
    {
        double start = f(m[0]), target = start - 0.5 * (start - m.Min(f));
        for (int i = 1; i < m.Count; i++)
        {
            double a = f(m[i - 1]), b = f(m[i]);
            double s0 = m[i - 1].Step, s1 = m[i].Step;
            if (b <= target) return s0 + (a == b ? 0 : (a - target) / (a - b)) * (s1 - s0);
        }
        return m[^1].Step;
    }

    public static double Mixture(MetricRow r) => (ProntoQaLoss(r) + TinyStoriesLoss(r)) / 2;

    /// <summary>
    /// Matched progress: ΔL at the first evaluation where the mixture loss has fallen by half its range.
    /// </summary>
    public static double MatchedProgress(IReadOnlyList<MetricRow> m)
    {
        double t = HalfwayStep(m, Mixture);
        return DeltaL(m.First(r => r.Step >= t));
    }

    /// <summary>
    /// C2 v3's matched progress: ΔL at the first evaluation where the mixture loss, counted from where it first falls
    /// below ln V (an initial overshoot above the uniform loss is not progress), has fallen by half its range
    /// ln V − min L_mix; NaN when it never falls below ln V.
    /// </summary>
    public static double MatchedProgressFromLnV(IReadOnlyList<MetricRow> m, int vocabSize)
    {
        double lnV = Math.Log(vocabSize);
        int start = m.ToList().FindIndex(r => Mixture(r) <= lnV);
        if (start < 0) return double.NaN;
        double target = lnV - 0.5 * (lnV - m.Skip(start).Min(Mixture));
        return DeltaL(m.Skip(start).First(r => Mixture(r) <= target));
    }

    /// <summary>
    /// C3's "early" step: the first evaluation at which the PrOntoQA loss has fallen by half its range (spec §8).
    /// </summary>
    public static int EarlyStep(IReadOnlyList<MetricRow> m)
    {
        double t = HalfwayStep(m, ProntoQaLoss);
        return m.First(r => r.Step >= t).Step;
    }
}
