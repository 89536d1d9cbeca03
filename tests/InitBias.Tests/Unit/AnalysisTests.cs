using FluentAssertions;
using InitBias.Analysis;
using InitBias.Stats;
using InitBias.Theory;
using Xunit;

namespace InitBias.Tests.Unit;

[Trait("Category", "Unit")]
public class AnalysisTests
{
    [Fact]
    public void Effective_rank_is_the_rank_for_equal_singular_values_and_near_one_for_a_dominant_one()
    {
        Linalg.EffectiveRank([2, 2, 2, 2]).Should().BeApproximately(4, 1e-12);
        Linalg.EffectiveRank([1, 0, 0]).Should().BeApproximately(1, 1e-12);
        Linalg.EffectiveRank([100, 1, 1]).Should().BeInRange(1, 1.2);
    }

    [Fact]
    public void Svd_recovers_a_known_spectrum()
    {
        double[][] m = [[3, 0], [0, -2], [0, 0]];
        var (u, s, vt) = Linalg.Svd(m);
        s.Should().Equal([3, 2], (a, b) => Math.Abs(a - b) < 1e-12);
        Math.Abs(u[0][0]).Should().BeApproximately(1, 1e-12);
        Math.Abs(vt[1][1]).Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Pca_of_points_along_a_line_orders_them_on_the_first_component()
    {
        var rows = Enumerable.Range(0, 12).Select(i => new double[] { i, 2 * i + 0.01 * (i % 3), -i }).ToArray();
        var proj = Linalg.PcaProjections(rows, 2);
        var rho = Spearman.Correlation(Enumerable.Range(0, 12).Select(i => (double)i).ToList(),
            proj.Select(p => p[0]).ToList());
        Math.Abs(rho).Should().BeApproximately(1, 1e-12);
        proj.Sum(p => p[0]).Should().BeApproximately(0, 1e-9, "projections of centred rows");
    }

    [Fact]
    public void Neighbour_order_is_one_along_any_curve_in_index_order_and_low_for_a_shuffled_one()
    {
        // A circle arc that bends back on itself: no single coordinate is monotone, the neighbour order is perfect.
        var arc = Enumerable.Range(0, 30).Select(i => new[] { Math.Cos(i * 0.2), Math.Sin(i * 0.2) }).ToArray();
        Linalg.NeighbourOrder(arc).Should().Be(1);
        var shuffled = arc.Select((p, i) => (p, key: (i * 17) % 30)).OrderBy(x => x.key).Select(x => x.p).ToArray();
        Linalg.NeighbourOrder(shuffled).Should().BeLessThan(0.3);
    }

    [Fact]
    public void Mean_pairwise_cosine_equals_the_mean_of_the_off_diagonal_cosines()
    {
        double[][] rows = [[1, 0, 2], [0.5, 1, -1], [3, -2, 0.1], [-1, -1, 1]];
        var c = Linalg.CosineMatrix(rows);
        double expected = 0; int n = 0;
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) if (i != j) { expected += c[i, j]; n++; }
        Linalg.MeanPairwiseCosine(rows).Should().BeApproximately(expected / n, 1e-12);
    }

    [Fact]
    public void Cosine_matrix_is_symmetric_with_unit_diagonal()
    {
        double[][] rows = [[1, 0], [1, 1], [0, -2]];
        var c = Linalg.CosineMatrix(rows);
        c[0, 0].Should().BeApproximately(1, 1e-12);
        c[0, 1].Should().BeApproximately(Math.Sqrt(0.5), 1e-12);
        c[1, 2].Should().BeApproximately(c[2, 1], 1e-15);
        c[0, 2].Should().BeApproximately(0, 1e-12);
    }

    [Fact]
    public void Eq14_embeddings_are_seeded_and_their_cosines_fall_like_a_gaussian_overlap()
    {
        var a = Eq14Embeddings.Embeddings(11, 20, true, 400, 0.8, 5);
        var b = Eq14Embeddings.Embeddings(11, 20, true, 400, 0.8, 5);
        a.Should().BeEquivalentTo(b, o => o.WithStrictOrdering());
        // Without noise (γ large) two bumps exp(-(i-s)²/12) d apart have cosine exp(-d²/24).
        var clean = Eq14Embeddings.Embeddings(11, 20, false, 400, 20, 5);
        var c = Linalg.CosineMatrix(clean);
        c[4, 5].Should().BeApproximately(Math.Exp(-1.0 / 24), 1e-6);
        c[4, 8].Should().BeApproximately(Math.Exp(-16.0 / 24), 1e-6);
    }
}
