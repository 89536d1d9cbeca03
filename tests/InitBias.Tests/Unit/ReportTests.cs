using FluentAssertions;
using InitBias.Claims;
using InitBias.Reports;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>The report says what the verified snapshots say, and REPORT.md is never stale.</summary>
[Trait("Category", "Unit")]
public class ReportTests
{
    private static readonly string Root = Repository.Root()!;
    private static readonly string Snapshots = Path.Combine(Root, "claims", "InitBias.Claims");

    [Fact]
    public void The_committed_REPORT_md_is_the_one_the_verified_snapshots_give()
    {
        string expected = MarkdownReport.Render(ReportedClaim.LoadAll(Snapshots));
        string committed = File.ReadAllText(Path.Combine(Root, "REPORT.md"));
        committed.ReplaceLineEndings().Should().Be(expected.ReplaceLineEndings(),
            "REPORT.md is generated: run `initbias report` and copy runs/report/REPORT.md to the repository root");
    }

    [Fact]
    public void Every_snapshot_appears_with_its_verdict_rule_version_and_checks()
    {
        var claims = ReportedClaim.LoadAll(Snapshots);
        string md = MarkdownReport.Render(claims);
        foreach (var c in claims)
        {
            md.Should().Contain($"**{c.Profile}**: {c.Verdict}, rule {c.RuleVersion}");
            foreach (var check in c.Checks) md.Should().Contain($"| {check.Name} | {ReportTable.Passes(check)} |");
        }
    }

    [Fact]
    public void The_page_has_the_claims_table_and_inlines_each_profiles_figures()
    {
        var claims = ReportedClaim.LoadAll(Snapshots);
        string runs = Path.Combine(Path.GetTempPath(), $"initbias-report-{Guid.NewGuid():N}");
        string figures = Path.Combine(runs, "ci", "figures");
        Directory.CreateDirectory(figures);
        try
        {
            File.WriteAllText(Path.Combine(figures, "fig3b_emb_mlp_losses.svg"),
                "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" id=\"probe-figure\"></svg>");
            string html = HtmlReport.Render(claims, runs, "test");
            html.Should().Contain("<table id=\"claims\">");
            foreach (var id in claims.Select(c => c.Id).Distinct()) html.Should().Contain($"<a href=\"#{id}\">");
            html.Should().Contain("id=\"probe-figure\"").And.NotContain("<?xml");
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }

    [Fact]
    public void A_received_snapshot_beside_a_verified_one_shows_as_a_difference_table()
    {
        string dir = Directory.CreateTempSubdirectory("initbias-report-diff-").FullName;
        try
        {
            var source = Directory.GetFiles(Snapshots, "C07_*.ci.verified.json").Single();
            string verified = Path.Combine(dir, Path.GetFileName(source));
            File.Copy(source, verified);
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(source))!.AsObject();
            node["verdict"] = "not reproduced";
            File.WriteAllText(verified.Replace(".verified.json", ".received.json"), node.ToJsonString());

            var claim = ReportedClaim.LoadAll(dir, withReceived: true).Single();
            claim.Differences.Should().ContainSingle(d => d.Field == "verdict" && d.Difference == "changed");
            MarkdownReport.Render([claim]).Should()
                .Contain("| verdict | \"reproduced\" | \"not reproduced\" | changed |");
            HtmlReport.Render([claim], null, "t").Should().Contain("<td>verdict</td><td>&quot;reproduced&quot;</td>");
            ReportedClaim.LoadAll(dir).Single().Differences.Should().BeNull("received snapshots only when asked");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_inlined_figure_scales_with_the_page()
    {
        HtmlReport.InlineSvg("<?xml version=\"1.0\"?>\n<svg xmlns=\"x\" width=\"1260\" height=\"380\"><rect/></svg>")
            .Should().Be("<svg xmlns=\"x\" width=\"1260\" height=\"380\" viewBox=\"0 0 1260 380\"><rect/></svg>");
    }

    [Fact]
    public void A_missing_snapshot_folder_is_one_clear_error()
    {
        var act = () => ReportedClaim.LoadAll(Path.Combine(Path.GetTempPath(), "no-such-initbias-folder"));
        act.Should().Throw<DirectoryNotFoundException>().WithMessage("no snapshot folder at *");
    }

    [Fact]
    public void Seeds_positive_counts_every_seed_and_names_the_ties()
    {
        static ReportedCheck Check(params double[] values) => new("c", "r", 0, false,
            values.Select((v, i) => KeyValuePair.Create($"seed{i + 1}", v))
                .Append(KeyValuePair.Create("positive", (double)values.Count(v => v > 0)))
                .Append(KeyValuePair.Create("nonzero", (double)values.Count(v => v != 0))).ToDictionary());
        ReportTable.SeedsPositive(Check(1, 2, 3, 4, 5, 0, 0, 0)).Should().Be("5/8, 3 ties");
        ReportTable.SeedsPositive(Check(1, 2, -3, 4, 5, 6, 7, 8)).Should().Be("7/8");
    }
}
