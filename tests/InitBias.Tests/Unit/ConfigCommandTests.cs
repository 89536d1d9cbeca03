using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using InitBias.Cli;
using InitBias.Experiments;
using InitBias.Pipeline;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// `initbias config` prints exactly the config `initbias run` resolves for the same options and the one
/// `initbias claim` trains, with the source of each value.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class ConfigCommandTests
{
    [GeneratedRegex(@"^(?<path>\S+) +\= (?<value>.*?) +\((?<source>.*)\)$")]
    private static partial Regex Line();

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        TextWriter oldOut = Console.Out, oldErr = Console.Error;
        StringWriter output = new(), error = new();
        Console.SetOut(output);
        Console.SetError(error);
        try { return (CliApp.Run(args), output.ToString(), error.ToString()); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    /// <summary>The printed lines as (path, value, source), in order; the closing "#" notes left out.</summary>
    private static List<(string Path, string Value, string Source)> Printed(params string[] args)
    {
        var (code, output, err) = Cli(["config", .. args]);
        code.Should().Be(0, err);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))
            .Select(l => Line().Match(l)).Select(m =>
            {
                m.Success.Should().BeTrue($"'{m.Value}' is a line 'path = value   (source)'");
                return (m.Groups["path"].Value, m.Groups["value"].Value, m.Groups["source"].Value);
            }).ToList();
    }

    private static List<(string Path, string Value)> Values(RunConfig c) =>
        ConfigTrace.Leaves(Json.ToNode(c)).ToList();

    [Theory]
    [InlineData("transformer", Profiles.Ci)]
    [InlineData("transformer-low-lr", Profiles.Full)]
    [InlineData("emb-mlp", Profiles.Paper)]
    [InlineData("label-groups-disjoint", Profiles.Full)]
    [InlineData("gpt2-mix", Profiles.Full)]
    public void It_prints_the_config_run_and_claim_resolve(string experiment, string profile)
    {
        var printed = Printed(experiment, "--profile", profile);
        var run = ConfigResolver.Members(ConfigResolver.Resolve(experiment, profile, null, null, null), null, null);
        run.Should().ContainSingle();
        printed.Select(l => (l.Path, l.Value)).Should().Equal(Values(run[0]));
        var claim = new ClaimContext(profile, torch.CPU, Path.GetTempPath()).ForTraining().ConfigOf(experiment);
        JsonNode.DeepEquals(Json.ToNode(claim), Json.ToNode(run[0])).Should().BeTrue(
            "a claim grid trains the run path's config at its own γ and seeds");
    }

    [Fact]
    public void Overrides_are_printed_as_run_resolves_them_with_every_sources_name()
    {
        string[] options = ["--profile", "full", "--steps", "300", "--batch", "50", "--gamma", "0.3", "--seed", "7"];
        var printed = Printed(["transformer-no-ln", .. options]);
        var run = ConfigResolver.Members(ConfigResolver.Resolve("transformer-no-ln", Profiles.Full, null, 300, 50),
            "0.3", "7");
        printed.Select(l => (l.Path, l.Value)).Should().Equal(Values(run.Single()));
        var source = printed.ToDictionary(l => l.Path, l => l.Source);
        source["experiment"].Should().Be("the command's argument");
        source["profile"].Should().Be("--profile");
        source["gamma"].Should().Be("--gamma");
        source["seed"].Should().Be("--seed");
        source["train.steps"].Should().Be("--steps");
        source["train.batchSize"].Should().Be("--batch");
        source["model.layerNorm"].Should().Be("the registry's change for transformer-no-ln (ExperimentRegistry)");
        source["train.evalEvery"].Should().Be("profiles/full.json, transformer");
        source["model.dModel"].Should().Be("profiles/ci.json, transformer");
        source["model.heads"].Should().Be(ConfigTrace.Default);
        source["initSeed"].Should().Be(ConfigTrace.Derived);
    }

    [Fact]
    public void A_config_file_and_the_corpus_are_named_as_sources()
    {
        var file = Path.Combine(Path.GetTempPath(), $"initbias-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{\"train\": {\"evalEvery\": 5}}");
        try
        {
            var source = Printed("gpt2-mix", "--profile", "ci", "--config", file)
                .ToDictionary(l => l.Path, l => l.Source);
            source["train.evalEvery"].Should().Be($"--config {file}");
            source["model.vocabSize"].Should().Be(ExperimentRegistry.CompleteSource);
            source["corpus.documents"].Should().Be("profiles/ci.json, gpt2-mix");
            source["train.objective"].Should().Be("profiles/paper.json, gpt2-mix");
        }
        finally { File.Delete(file); }
    }

    [Theory]
    [InlineData("unknown experiment 'nonsense' (known: transformer, ", "nonsense")]
    [InlineData("unknown profile 'huge' (expected ci, full, paper)", "transformer", "--profile", "huge")]
    public void Unknown_names_are_one_line_that_lists_the_valid_ones(string expected, params string[] args)
    {
        var (code, output, err) = Cli(["config", .. args]);
        code.Should().Be(2);
        err.Should().Contain(expected);
        err.TrimEnd().Should().NotContain("\n");
        output.Should().BeEmpty();
    }
}
