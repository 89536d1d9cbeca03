using FluentAssertions;
using InitBias.Reading;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>The v3 reading points are found on the loss and accuracy curves, dense evaluations included.</summary>
[Trait("Category", "Unit")]
public class ReadingPointTests
{
    private static MetricRow Row(int step, double lossMem, double lossRsn, double accRsn) => new(
        new Dictionary<string, double>
        {
            ["step"] = step,
            ["loss_mem"] = lossMem,
            ["loss_rsn_train"] = lossRsn,
            ["acc_rsn_train"] = accRsn,
        });

    private static readonly MetricRow[] Curve =
    [
        Row(0, 5.3, 5.3, 0.01),
        Row(50, 4.2, 4.3, 0.02),   // the reasoning loss still behind
        Row(100, 3.70, 3.65, 0.05), // ahead by 0.05: not yet
        Row(150, 3.6, 3.4, 0.10),  // ahead by 0.2: the onset
        Row(250, 3.5, 2.0, 0.60),
        Row(500, 3.0, 0.5, 0.95),  // the progress point
        Row(750, 2.0, 0.2, 0.99),
    ];

    [Fact]
    public void The_onset_is_the_first_evaluation_where_the_reasoning_loss_leads_by_the_gap()
    {
        ReadingPoint.Onset.FindIn(Curve).Should().Be(150);
        ReadingPoint.OnsetGap.Should().Be(0.1);
    }

    [Fact]
    public void The_progress_point_is_the_first_evaluation_with_reasoning_accuracy_09()
    {
        ReadingPoint.Progress.FindIn(Curve).Should().Be(500);
    }

    [Fact]
    public void A_curve_that_never_gets_there_has_no_point()
    {
        var plateau = Curve.Take(3).ToArray();
        ReadingPoint.Onset.FindIn(plateau).Should().BeNull();
        ReadingPoint.Progress.FindIn(plateau).Should().BeNull();
    }
}
