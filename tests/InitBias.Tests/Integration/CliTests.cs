using FluentAssertions;
using InitBias.Cli;
using InitBias.Runs;
using Xunit;

namespace InitBias.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "initbias-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private static (int Code, string Err) Cli(params string[] args)
    {
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        try { return (CliApp.Run(args), err.ToString()); }
        finally { Console.SetError(old); }
    }

    private string Config(string json)
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private string Out => Path.Combine(_dir, "run");

    [Theory]
    [InlineData("unknown experiment", "run", "nonsense")]
    [InlineData("gamma must be in (0, 2]", "run", "transformer", "--gamma", "0")]
    [InlineData("gamma must be in (0, 2]", "run", "transformer", "--gamma", "2.5")]
    [InlineData("steps must be positive", "run", "transformer", "--steps", "0")]
    [InlineData("batchSize must be positive", "run", "transformer", "--batch", "-1")]
    [InlineData("unknown profile", "run", "transformer", "--profile", "huge")]
    [InlineData("Unrecognized", "run", "transformer", "--gama", "0.8")]
    [InlineData("is not i/n", "run", "transformer", "--gamma", "0.3,0.8", "--seed", "1-2", "--shard", "3/2")]
    [InlineData("at least 2", "run", "transformer", "--gamma", "0.3,0.8", "--shard", "1/2")]
    [InlineData("holds no checkpoint", "run", "transformer", "--resume")]
    [InlineData("must be 0 or positive", "run", "transformer", "--checkpoint-every", "-5")]
    public void Bad_input_is_one_line_exit_2_and_writes_nothing(string expected, params string[] args)
    {
        var (code, err) = Cli([.. args, "--out", Out]);
        code.Should().Be(2);
        err.Should().Contain(expected);
        err.TrimEnd().Should().NotContain("\n");
        Directory.Exists(Out).Should().BeFalse();
    }

    [Theory]
    [InlineData("{ not json", "does not parse")]
    [InlineData("{\"train\": {\"stepz\": 5}}", "stepz")]
    [InlineData("{\"colour\": 1}", "colour")]
    [InlineData("[1, 2]", "must hold a JSON object")]
    public void Bad_config_file_is_refused(string json, string expected)
    {
        var (code, err) = Cli("run", "transformer", "--config", Config(json), "--out", Out);
        code.Should().Be(2);
        err.Should().Contain(expected);
        Directory.Exists(Out).Should().BeFalse();
    }

    [Fact]
    public void A_folder_holding_a_different_run_is_refused()
    {
        var cfg = Config(TinyJson);
        Cli("run", "transformer", "--config", cfg, "--steps", "20", "--out", Out).Code.Should().Be(0);
        var before = File.ReadAllText(Path.Combine(Out, RunFolder.MetricsFile));
        var (code, err) = Cli("run", "transformer", "--config", cfg, "--steps", "20", "--seed", "2", "--out", Out);
        code.Should().Be(2);
        err.Should().Contain("already holds a different run");
        File.ReadAllText(Path.Combine(Out, RunFolder.MetricsFile)).Should().Be(before);
    }

    private const string TinyJson = """
        { "task": { "samplesPerCombination": 5, "evalSamplesPerGroup": 100 },
          "model": { "dModel": 16, "dff": 32, "dk": 8 },
          "train": { "batchSize": 20, "evalEvery": 10 } }
        """;

    [Fact]
    public void Run_writes_the_folder_contract_and_repeats_byte_identically()
    {
        var cfg = Config(TinyJson);
        Cli("run", "transformer", "--config", cfg, "--steps", "20", "--gamma", "0.8", "--seed", "1", "--out", Out)
            .Code.Should().Be(0);
        var first = File.ReadAllText(Path.Combine(Out, RunFolder.MetricsFile));
        var lines = first.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        foreach (var key in new[]
            {
                "\"step\"", "loss_mem", "acc_mem", "loss_rsn_train", "acc_rsn_train", "loss_rsn_test", "acc_rsn_test"
            })
            lines.Should().OnlyContain(l => l.Contains(key));
        var config = File.ReadAllText(Path.Combine(Out, RunFolder.ConfigFile));
        config.Should().Contain("\"environment\"").And.Contain("torchThreads").And.Contain("\"gamma\": 0.8");
        File.ReadAllText(Path.Combine(Out, RunFolder.SummaryFile)).Should().Contain("\"completed\": true");

        Cli("run", "transformer", "--config", cfg, "--steps", "20", "--gamma", "0.8", "--seed", "1", "--out", Out)
            .Code.Should().Be(0);
        File.ReadAllText(Path.Combine(Out, RunFolder.MetricsFile)).Should().Be(first);
    }

    [Fact]
    public void Config_prints_the_config_run_writes_to_its_folder()
    {
        var cfg = Config(TinyJson);
        string[] options = ["transformer", "--config", cfg, "--steps", "20", "--gamma", "0.5", "--seed", "3"];
        var (code, err) = Cli(["run", .. options, "--out", Out]);
        code.Should().Be(0, err);
        var written = RunFolder.ReadConfig(Out)!["config"];
        var printed = ConfigCommand.Describe("transformer", null, cfg, "0.5", "3", 20, null, null)
            .Where(l => !l.StartsWith('#')).Select(l => l.Split(" = ", 2)[1].Split("   (")[0].TrimEnd());
        printed.Should().Equal(Experiments.ConfigTrace.Leaves(written).Select(l => l.Value));
    }

    [Fact]
    public void A_grid_writes_one_folder_per_model()
    {
        var (code, err) = Cli("run", "emb-mlp", "--config",
            Config("{\"model\": {\"dModel\": 16, \"dff\": 16}, \"train\": {\"evalEvery\": 5}}"),
            "--steps", "5", "--gamma", "0.3,0.8", "--seeds", "1-2", "--out", Out);
        code.Should().Be(0, err);
        Directory.GetDirectories(Out).Select(Path.GetFileName).Should()
            .BeEquivalentTo("g0.3-s1", "g0.3-s2", "g0.8-s1", "g0.8-s2");
    }
}
