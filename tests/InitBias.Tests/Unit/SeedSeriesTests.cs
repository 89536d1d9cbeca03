using FluentAssertions;
using InitBias.Claims;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using Xunit;

namespace InitBias.Tests.Unit;

[Trait("Category", "Unit")]
public class SeedSeriesTests
{
    private static SeedSeries Of(params double[] values) =>
        SeedSeries.Of(Enumerable.Range(1, values.Length).Select(i => (long)i), s => values[s - 1]);

    [Fact]
    public void Series_pair_by_seed_and_refuse_other_seeds()
    {
        var a = SeedSeries.Of([3, 1, 2], s => s * 10.0);
        a.Seeds.Should().Equal(1, 2, 3);
        a.Minus(Of(1, 2, 3)).Values.Should().Equal(9, 18, 27);
        var other = SeedSeries.Of([1, 2, 9], s => 0.0);
        var pair = () => a.Minus(other);
        pair.Should().Throw<ArgumentException>().WithMessage("*cannot pair*");
    }

    [Fact]
    public void A_threshold_becomes_the_margin_the_sign_test_reads()
    {
        var rho = Of(-0.9, -0.8, -0.7, -0.6, -0.55, -0.95, -0.85, -0.4);
        var check = rho.Below(-0.5).SignCheck("ordered", "-0.5 - rho > 0");
        check.Detail!["positive"].Should().Be(7);
        check.Passed.Should().BeTrue();
        check.Value.Should().BeApproximately(9.0 / 256, 1e-12);
        check.Rule.Should().StartWith("-0.5 - rho > 0; exact one-sided sign test");
        Of(0.95, 0.99).Above(0.9).Values.Should().BeEquivalentTo([0.05, 0.09], o => o.WithStrictOrdering()
            .Using<double>(x => x.Subject.Should().BeApproximately(x.Expectation, 1e-12)).WhenTypeIs<double>());
    }

    [Fact]
    public void A_rule_text_must_state_its_threshold()
    {
        var check = () => Of(1, 2, 3).Above(0.9).SignCheck("x", "value - 0.8 > 0");
        check.Should().Throw<ArgumentException>().WithMessage("*threshold 0.9*");
        Of(1, 2, 3).Above(0.9).SignCheck("x", "the same for the keys").Name.Should().Be("x");
    }

    [Fact]
    public void Mean_check_sums_in_seed_order()
    {
        var check = Of(0.01, 0.02, 0.09).MeanCheck("near_zero", "mean <= 0.05", m => m <= 0.05);
        check.Value.Should().Be((0.01 + 0.02 + 0.09) / 3);
        check.Passed.Should().BeTrue();
        check.Detail!.Keys.Should().Equal("seed1", "seed2", "seed3");
    }

    [Fact]
    public void Token_blocks_index_cosine_matrices_by_token()
    {
        var cos = new double[4, 4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) cos[i, j] = i == j ? 1 : 1.0 / (1 + Math.Abs(i - j));
        var c = new TokenCosines(cos, FirstToken: 11);
        c[12, 14].Should().Be(1.0 / 3);
        new TokenBlock(11, 14).Indices(11).Should().Be((0, 4));
        c.MeanCos(new TokenBlock(11, 12)).Should().Be(0.5);
        c.OrderCorrelation(new TokenBlock(11, 14)).Should().BeApproximately(-1, 1e-12);
    }
}
