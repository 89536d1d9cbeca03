using FluentAssertions;
using InitBias.Reading;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>The readings C1-C3 take from loss curves, on hand-made curves.</summary>
[Trait("Category", "Unit")]
public class MixtureReadingsTests
{
    /// <summary>Evaluations every 100 steps with the given PrOntoQA and TinyStories losses.</summary>
    private static List<MetricRow> Curve(double[] pq, double[] ts) => pq.Select((p, i) => new MetricRow(
        new Dictionary<string, double> { ["step"] = 100 * i, ["loss_pq"] = p, ["loss_ts"] = ts[i] })).ToList();

    [Fact]
    public void The_halfway_step_interpolates_between_evaluations()
    {
        var m = Curve([8, 6, 4, 2], [8, 8, 8, 8]);
        MixtureReadings.HalfwayStep(m, MixtureReadings.ProntoQaLoss).Should().Be(150); // 8 − ½(8 − 2) = 5
    }

    [Fact]
    public void Matched_progress_from_ln_v_skips_an_initial_overshoot()
    {
        double lnV = Math.Log(1000); // 6.91
        // The mixture starts at 10 (an overshoot above ln V), falls below ln V at step 200 (6.4), bottoms out at 2.9.
        var m = Curve([10, 8, 6, 4, 2.8, 2.8], [10, 8, 6.8, 5, 3, 3]);
        // Counting from step 0 (v1) the target is 10 − ½(10 − 2.9) = 6.45: reached at step 200, by the overshoot.
        MixtureReadings.MatchedProgress(m).Should().Be(MixtureReadings.DeltaL(m[2]));
        // From ln V (v3): target ln V − ½(ln V − 2.9) ≈ 4.90, first reached at step 300 (mixture 4.5).
        MixtureReadings.MatchedProgressFromLnV(m, 1000).Should().Be(MixtureReadings.DeltaL(m[3]));
        MixtureReadings.MatchedProgressFromLnV(Curve([9, 8], [9, 8]), 1000).Should().Be(double.NaN,
            $"the mixture never falls below ln V = {lnV:0.00}");
    }
}
