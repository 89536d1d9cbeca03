using FluentAssertions;
using InitBias.Tasks;
using InitBias.Theory;
using Xunit;

namespace InitBias.Tests.Unit;

[Trait("Category", "Unit")]
public class LabelDistributionTests
{
    private const int Vocab = 201;

    /// <summary>The Emb-MLP data with nothing held out: every (key, pair) once, so eq. 8 must hold exactly.</summary>
    private static readonly CompositionTaskConfig Full =
        new CompositionTaskConfig { HeldOutPairs = [] }.AsEmbMlpVariant();
    private static readonly TaskData Data = CompositionTask.Generate(Full, 3);
    private static readonly int[] Anchors = Enumerable.Range(1, 20).ToArray();

    [Fact]
    public void Reasoning_anchor_distributions_from_data_equal_the_closed_form_of_eq_8()
    {
        var fromData = LabelDistribution.FromData(Data, Anchors, Vocab);
        foreach (var d in fromData.Where(d => d.Token >= 11))
        {
            var closed = LabelDistribution.ClosedForm(Full, d.Token, Vocab);
            d.P.Zip(closed, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-12, $"token {d.Token}");
        }
    }

    [Fact]
    public void Memory_anchor_distributions_from_data_approach_the_uniform_law_of_eq_7()
    {
        var fromData = LabelDistribution.FromData(Data, Anchors, Vocab);
        foreach (var d in fromData.Where(d => d.Token <= 10))
        {
            var closed = LabelDistribution.ClosedForm(Full, d.Token, Vocab);
            // 2,000 labels over 100 keys: the total-variation distance to U(Z) is about 0.09 (sampling), never 0.2.
            double tv = 0.5 * d.P.Zip(closed, (a, b) => Math.Abs(a - b)).Sum();
            tv.Should().BeLessThan(0.2, $"token {d.Token}");
            d.P.Select((p, i) => (p, i)).Where(x => x.p > 0).Should()
                .OnlyContain(x => x.i >= Full.KeyMin && x.i <= Full.KeyMax);
        }
    }

    [Fact]
    public void Reasoning_distributions_are_shifted_copies_and_sum_to_one()
    {
        var p11 = LabelDistribution.ClosedForm(Full, 11, Vocab);
        var p12 = LabelDistribution.ClosedForm(Full, 12, Vocab);
        for (int i = 0; i + 1 < Vocab; i++) p12[i + 1].Should().BeApproximately(p11[i], 1e-15);
        p11.Sum().Should().BeApproximately(1, 1e-12);
        // Z + A + s with Z in 21..120, A in 11..20: support 43..151 for s = 11.
        p11.Select((p, i) => (p, i)).Where(x => x.p > 0).Select(x => x.i).Should()
            .BeEquivalentTo(Enumerable.Range(43, 109));
    }

    [Fact]
    public void Shares_count_each_occurrence_over_the_number_of_samples()
    {
        var all = Enumerable.Range(1, 120).ToArray();
        var d = LabelDistribution.FromData(Data, all, Vocab);
        // Three tokens per sample, so the shares of all tokens add up to 3; an anchor occurs in 2 x 10 x 100 samples
        // (pair (s, s) counted twice) out of 20,000.
        d.Sum(x => x.Share).Should().BeApproximately(3, 1e-9);
        d.Single(x => x.Token == 15).Share.Should().BeApproximately(2000.0 / 20000, 1e-12);
    }

    [Fact]
    public void Closed_form_refuses_tokens_it_does_not_cover()
    {
        var act = () => LabelDistribution.ClosedForm(Full, 50, Vocab);
        act.Should().Throw<ArgumentException>().WithMessage("*not an anchor*");
    }
}
