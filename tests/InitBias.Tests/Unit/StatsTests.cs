using FluentAssertions;
using InitBias.Stats;
using Xunit;

namespace InitBias.Tests.Unit;

[Trait("Category", "Unit")]
public class StatsTests
{
    [Fact]
    public void Mean_and_sample_standard_deviation()
    {
        double[] xs = [2, 4, 4, 4, 5, 5, 7, 9];
        Descriptive.Mean(xs).Should().Be(5);
        Descriptive.StdDev(xs).Should().BeApproximately(Math.Sqrt(32.0 / 7), 1e-12);
        Descriptive.StdDev([3.0]).Should().Be(0);
    }

    [Theory]
    [InlineData(8, 8, 1.0 / 256)]
    [InlineData(8, 7, 9.0 / 256)]
    [InlineData(10, 8, 56.0 / 1024)]
    [InlineData(24, 24, 5.960464477539063e-08)]
    [InlineData(5, 0, 1.0)]
    [InlineData(6, 3, 42.0 / 64)]
    public void Sign_test_upper_tail_is_the_exact_binomial(int n, int k, double p) =>
        SignTest.UpperTail(n, k).Should().BeApproximately(p, 1e-12);

    [Fact]
    public void Sign_test_counts_a_tie_against_the_claim()
    {
        var r = SignTest.Greater([0.5, 1, 2, 0, -1, 3, 4, 5, 6, 7]);
        r.Should().Be(r with { Positive = 8, NonZero = 9, Ties = 1 });
        r.Seeds.Should().Be(10);
        r.PValue.Should().BeApproximately(56.0 / 1024, 1e-12, "P(Binomial(10, 1/2) ≥ 8): the tie is a seed");
    }

    [Fact]
    public void Five_positive_and_three_ties_fail_the_sign_test()
    {
        var r = SignTest.Greater([1, 2, 3, 4, 5, 0, 0, 0]);
        r.PValue.Should().BeApproximately(93.0 / 256, 1e-12, "5 of 8, not 5 of 5 (p 1/32)");
        SeedSeries.Of([1, 2, 3, 4, 5, 6, 7, 8], s => s <= 5 ? 1.0 : 0.0).SignCheck("moved", "moved > 0")
            .Passed.Should().BeFalse();
    }

    [Fact]
    public void Bootstrap_interval_is_reproducible_and_brackets_the_mean()
    {
        double[] xs = [1.2, 0.4, 2.2, 1.9, 0.8, 1.1, 1.7, 0.9];
        var a = Bootstrap.MeanCi(xs);
        var b = Bootstrap.MeanCi(xs);
        a.Should().Be(b);
        a.Low.Should().BeLessThan(Descriptive.Mean(xs)).And.BeGreaterThan(xs.Min());
        a.High.Should().BeGreaterThan(Descriptive.Mean(xs)).And.BeLessThan(xs.Max());
        Bootstrap.MeanCi([2.0, 2.0, 2.0]).Should().Be(new Interval(2, 2, 0.95));
    }

    [Fact]
    public void Bootstrap_quantile_interpolates_like_numpy()
    {
        Bootstrap.Quantile([1, 2, 3, 4], 0.5).Should().Be(2.5);
        Bootstrap.Quantile([1, 2, 3, 4], 0.25).Should().Be(1.75);
    }
}

[Trait("Category", "Unit")]
public class SpearmanTests
{
    [Fact]
    public void Ranks_average_ties() => Spearman.Ranks([10, 20, 20, 5]).Should().Equal(2, 3.5, 3.5, 1);

    [Fact]
    public void Monotone_series_correlate_perfectly()
    {
        Spearman.Correlation([1, 2, 3, 4], [1, 4, 9, 16]).Should().BeApproximately(1, 1e-12);
        Spearman.Correlation([1, 2, 3, 4], [8, 4, 2, 1]).Should().BeApproximately(-1, 1e-12);
    }

    [Fact]
    public void Known_value_with_ties()
    {
        // x ranks 1..5; y = [1, 3, 2, 5, 4] gives 1 - 6·Σd²/(n(n²-1)) = 1 - 6·4/120 = 0.8.
        Spearman.Correlation([1, 2, 3, 4, 5], [1, 3, 2, 5, 4]).Should().BeApproximately(0.8, 1e-12);
    }
}
