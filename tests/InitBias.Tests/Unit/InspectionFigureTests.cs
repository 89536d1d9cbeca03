using FluentAssertions;
using InitBias.Figures;
using InitBias.Pipeline;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>`inspect --figure PATH`: which files a path names, and the rules' thresholds the figure draws.</summary>
[Trait("Category", "Unit")]
public sealed class InspectionFigureTests
{
    [Theory]
    [InlineData("out/fig.png", "out/fig.png")]
    [InlineData("out/fig.svg", "out/fig.svg")]
    [InlineData("out/fig.PNG", "out/fig.PNG")]
    [InlineData("out/fig", "out/fig.png", "out/fig.svg")]
    [InlineData("out/inspect.v2", "out/inspect.v2.png", "out/inspect.v2.svg")]
    public void A_png_or_svg_path_is_that_file_any_other_a_stem_for_both(string path, params string[] files) =>
        FigureFile.Files(path).Should().Equal(files);

    [Fact]
    public void A_claim_figures_stem_always_gets_both() =>
        FigureFile.Files("figures/fig5a.png", stem: true).Should().Equal("figures/fig5a.png.png",
            "figures/fig5a.png.svg");

    [Fact]
    public void Every_threshold_is_on_a_panel_the_figure_draws_and_names_its_rule()
    {
        var thresholds = InspectionThresholds.All;
        thresholds.Select(t => t.Panel).Should().OnlyContain(p => InspectionFigure.PanelNames.Contains(p));
        thresholds.Should().OnlyContain(t => (t.Value != null) != (t.PerRun != null));
        thresholds.Should().OnlyContain(t => t.Rule.Length > 0);
        thresholds.Single(t => t.Panel == nameof(Reading.MechanismRow.Rho)).Value.Should()
            .Be(Claims.C12_TransformerEmbeddingStructure.RhoBelow);
    }
}
