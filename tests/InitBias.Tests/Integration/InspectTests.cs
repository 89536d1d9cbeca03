using System.Text.Json.Nodes;
using FluentAssertions;
using InitBias.Cli;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Pipeline;
using InitBias.Reading;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// `initbias inspect` computes, on any transformer run folder, the statistics the mechanism claims compute on their
/// grid: on the claims' own toy grid, every statistic at the last step equals the claim's value for each seed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InspectTests : TempFolderTest
{
    private static string[] Claims => ["C12", "C13", "C14", "C15", "C16", "C20"];

    /// <summary>A check's per-seed value, from the deciding rule's checks or the other version's.</summary>
    private static double Detail(JsonNode snapshot, string check, long seed) =>
        (snapshot["checks"]![check] ?? snapshot["checks_v2_recorded"]![check])!["detail"]![$"seed{seed}"]!
        .GetValue<double>();

    [Fact]
    public void Every_statistic_equals_the_claim_codes_value_on_the_same_grid()
    {
        var ctx = new ClaimContext(Profiles.Ci, torch.CPU, Dir) { Adjust = TinyConfigs.Claims };
        var snapshots = Claims.ToDictionary(id => id,
            id => (JsonNode)ClaimRunner.Run(Claim(id), ctx).Result.ToSnapshot());
        var grid = Path.Combine(Dir, ClaimGrids.Transformer.Folder);
        var runs = RunInspection.Inspect(grid);
        runs.Should().HaveCount(24);
        foreach (var run in runs.Where(r => r.Gamma == Gamma.SmallInit))
        {
            var last = run.Rows[^1];
            long s = run.Seed;
            last.Rho.Should().Be(snapshots["C12"]["metrics"]!["rho_g0.8"]![$"s{s}"]!.GetValue<double>());
            last.MemMinusRsnCos.Should().Be(Detail(snapshots["C12"], "memory_more_alike_than_reasoning", s));
            last.MemMinusRsnCosLearned.Should().Be(
                snapshots["C12"]["metrics"]!["diagnostic_learned_part_mem_minus_rsn_cos_g0.8"]![$"s{s}"]!
                    .GetValue<double>());
            last.KeyPcaOrder.Should().Be(snapshots["C13"]["metrics"]!["order_g0.8"]![$"s{s}"]!.GetValue<double>());
            last.WvRatio.Should().Be(snapshots["C14"]["metrics"]!["wv_ratio_g0.8"]![$"s{s}"]!.GetValue<double>());
            last.U1Gap.Should().Be(Detail(snapshots["C14"], "u1_aligned_with_reasoning_not_memory", s));
            last.KeyProbeLayer2.Should().Be(
                snapshots["C15"]["metrics"]!["key_probe_layer2"]![$"s{s}"]!.GetValue<double>());
            last.KeyProbeAttnOut.Should().Be(
                snapshots["C15"]["metrics"]!["v3_key_probe_attention_output"]![$"s{s}"]!.GetValue<double>());
            last.MeanAbsCosLearned.Should().BeApproximately(
                0.9 - Detail(snapshots["C20"], "learned_part_not_condensed", s), 1e-15);
            // The checks keep threshold − statistic; undoing the subtraction rounds in the last bit.
            last.Eq14MaxDifference.Should().BeApproximately(
                0.25 - Detail(snapshots["C16"], "profiles_close", s), 1e-15);
            last.Eq14Shape.Should().BeApproximately(
                -0.8 - Detail(snapshots["C16"], "trained_profile_falls_with_distance", s), 1e-15);
            last.Erank.Should().Be(snapshots["C20"]["metrics"]!["g0.8"]![$"s{s}"]!["erank_final"]!.GetValue<double>());
            last.ErankLearned.Should().Be(
                snapshots["C20"]["metrics"]!["diagnostic_learned_part_erank_g0.8"]![$"s{s}"]!.GetValue<double>());
            run.Rows.Select(r => r.Step).Should().Equal(0, 10, 20);
            // The reading points inspect marks are the ones the v3 rules read (the last step when never reached).
            int ReadingStep(string id) =>
                (int)snapshots[id]["metrics"]!["v3_reading_step"]![$"s{s}"]!.GetValue<double>();
            int Marked(ReadingPoint point) => (point == ReadingPoint.Onset ? run.OnsetStep : run.ProgressStep) ?? 20;
            ReadingStep("C12").Should().Be(Marked(InitBias.Claims.C12_TransformerEmbeddingStructure.V3Reading));
            ReadingStep("C14").Should().Be(Marked(InitBias.Claims.C14_FirstLayerAveragesAndCarriesReasoning.V3Reading));
        }
        // The command prints a table, or JSON with every run, and draws the figure.
        CliApp.Run(["inspect", grid, "--json", "--figure", Path.Combine(Dir, "inspect")]).Should().Be(0);
        File.Exists(Path.Combine(Dir, "inspect.svg")).Should().BeTrue();
        RunInspection.ToJson(runs)["runs"]!.AsArray().Should().HaveCount(24);
    }

    private static Claims.Claim Claim(string id) => InitBias.Claims.ClaimRegistry.Get(id);

    /// <summary>`--figure PATH.png` writes PATH.png and nothing else (it used to write PATH.png.png and .svg);
    /// `--figure PATH.svg` only PATH.svg; a path without either extension both.</summary>
    [Fact]
    public void The_figure_goes_to_exactly_the_path_given()
    {
        string run = Path.Combine(Dir, "run"), config = Path.Combine(Dir, "tiny.json");
        File.WriteAllText(config, Json.Serialize(TinyConfigs.Transformer(steps: 20)));
        CliApp.Run(["run", "transformer", "--config", config, "--profile", Profiles.Ci, "--out", run])
            .Should().Be(0);
        string Figure(string name) => Path.Combine(Dir, "figures", name);
        CliApp.Run(["inspect", run, "--json", "--figure", Figure("a.png")]).Should().Be(0);
        CliApp.Run(["inspect", run, "--json", "--figure", Figure("b.svg")]).Should().Be(0);
        CliApp.Run(["inspect", run, "--json", "--figure", Figure("c")]).Should().Be(0);
        Directory.GetFiles(Path.Combine(Dir, "figures")).Select(Path.GetFileName).Should()
            .BeEquivalentTo("a.png", "b.svg", "c.png", "c.svg");
        File.ReadAllBytes(Figure("a.png"))[1..4].Should().Equal("PNG"u8.ToArray());
        File.ReadAllText(Figure("b.svg")).Should().Contain("<svg");
    }


    [Theory]
    [InlineData("is not a folder", "missing")]
    [InlineData("holds no run", "empty")]
    [InlineData("has no probe.jsonl", "no-probes")]
    public void Bad_input_is_one_line_exit_2(string expected, string what)
    {
        string path = Path.Combine(Dir, what);
        if (what != "missing") Directory.CreateDirectory(path);
        if (what == "no-probes")
        {
            var c = TinyConfigs.Transformer(steps: 20);
            new ExperimentRunner { Device = torch.CPU }.Run([c], [path]);
        }
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        int code;
        try { code = CliApp.Run(["inspect", path]); }
        finally { Console.SetError(old); }
        code.Should().Be(2);
        err.ToString().Should().Contain(expected);
        err.ToString().TrimEnd().Should().NotContain("\n");
    }
}
