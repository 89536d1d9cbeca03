using FluentAssertions;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Runs;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// A second claim that needs a grid another process trained starts at once, and only when nothing that decides the
/// numbers changed; otherwise it trains again and says why.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GridReuseTests : TempFolderTest
{
    private static readonly GridDeclaration Grid = new("emb-mlp", [0.8], []);
    private readonly List<string> _log = [];

    private TrainingContext Tiny(bool reuse, int steps = 20) => new(Profiles.Ci, torch.CPU, Dir)
    {
        Reuse = reuse,
        Log = _log.Add,
        Adjust = TinyConfigs.EmbMlpAdjust(steps),
    };

    private TrainedGrid Train(TrainingContext ctx)
    {
        GridTraining.ForgetTrained(); // as a new process
        _log.Clear();
        return GridTraining.Ensure(Grid, ctx);
    }

    private static string MemberDir(TrainedGrid grid, long seed) =>
        Path.Combine(grid.Folder, RunFolder.MemberName(0.8, seed));

    private static List<string> Metrics(TrainedGrid grid) => grid.Context.Seeds
        .Select(s => File.ReadAllText(Path.Combine(MemberDir(grid, s), RunFolder.MetricsFile))).ToList();

    [Fact]
    public void A_completed_grid_is_reused_only_when_config_and_code_match()
    {
        var first = Train(Tiny(reuse: true));
        _log.Should().Contain(l => l.StartsWith("not reusing emb-mlp grid: no run in"));
        _log.Should().ContainSingle(l => l.StartsWith("emb-mlp grid: time: train "), "a grid logs its time");
        var metrics = Path.Combine(MemberDir(first, 1), RunFolder.MetricsFile);
        var written = File.GetLastWriteTimeUtc(metrics);
        string content = File.ReadAllText(metrics);

        Train(Tiny(reuse: true));
        _log.Should().ContainSingle(l => l.StartsWith("reusing emb-mlp grid"))
            .And.NotContain(l => l.StartsWith("training"));
        File.GetLastWriteTimeUtc(metrics).Should().Be(written);

        Train(Tiny(reuse: false));
        _log.Should().Contain(l => l.StartsWith("training emb-mlp grid"));
        File.ReadAllText(metrics).Should().Be(content, "the same config and seed train the same numbers");

        Train(Tiny(reuse: true, steps: 30));
        _log.Should().Contain(l => l.Contains("was trained with another config"));
        _log.Should().Contain(l => l.StartsWith("training emb-mlp grid"));

        var last = MemberDir(first, 8);
        string before = File.ReadAllText(Path.Combine(last, RunFolder.MetricsFile));
        File.Delete(Path.Combine(last, RunFolder.SummaryFile));
        Train(Tiny(reuse: true, steps: 30));
        _log.Should().Contain(l => l.Contains($"reusing 7 completed members; missing 1: {Path.GetFileName(last)}"));
        _log.Should().Contain(l => l.StartsWith("training emb-mlp grid (2 models"), "it trains with a companion");
        File.ReadAllText(Path.Combine(last, RunFolder.MetricsFile)).Should().Be(before);
        Directory.EnumerateDirectories(first.Folder, ".companion*").Should().BeEmpty();
    }

    [Fact]
    public void Two_shards_fill_the_grid_and_a_later_run_evaluates_without_training()
    {
        var whole = Train(Tiny(reuse: false));
        var expected = Metrics(whole);
        Directory.Delete(whole.Folder, true);

        var first = Train(Tiny(reuse: false) with { Shard = new Shard(1, 2) });
        first.Missing.Should().Equal("g0.8-s2", "g0.8-s4", "g0.8-s6", "g0.8-s8");
        _log.Should().Contain(l => l.StartsWith("training shard 1/2 of emb-mlp grid (4 models"));
        Train(Tiny(reuse: false) with { Shard = new Shard(2, 2) }).Missing.Should().BeEmpty();

        var evaluated = Train(Tiny(reuse: true));
        _log.Should().Contain(l => l.StartsWith("reusing emb-mlp grid")).And.NotContain(l => l.StartsWith("training"));
        Metrics(evaluated).Should().Equal(expected, "shards of two or more members give the whole grid's numbers");
    }

    [Fact]
    public void A_shard_of_one_member_is_refused()
    {
        var act = () => Train(Tiny(reuse: false) with { Shard = new Shard(1, 8) });
        act.Should().Throw<ArgumentException>().WithMessage("*at least 2*");
    }

    [Fact]
    public void An_interrupted_grid_resumes_from_its_checkpoints_to_the_same_numbers()
    {
        var whole = Train(Tiny(reuse: false, steps: 40));
        var expected = Metrics(whole);

        // The same grid, stopped at step 25 as a killed claim run would leave it (checkpoints every 10 steps).
        var ctx = Tiny(reuse: true, steps: 40);
        var members = ctx.Seeds.Select(s => ctx.ConfigOf("emb-mlp") with { Gamma = 0.8, Seed = s }).ToList();
        using var cancel = new CancellationTokenSource();
        new ExperimentRunner
        {
            Device = torch.CPU,
            CheckpointEvery = 10,
            OnStep = s => { if (s == 25) cancel.Cancel(); },
        }.Run(members, ctx.Seeds.Select(s => MemberDir(whole, s)).ToList(), cancel.Token);

        var resumed = Train(ctx);
        _log.Should().Contain(l => l.StartsWith("resuming emb-mlp grid")).And.NotContain(l => l.StartsWith("training"));
        _log.Should().Contain(l => l.StartsWith("emb-mlp grid: time: train "), "a resumed grid says it too");
        Metrics(resumed).Should().Equal(expected);
    }

    [Fact]
    public void An_evaluation_after_shards_trains_at_most_one_shards_members()
    {
        // ci seeds 1-8: a grid of 8; after 2 shards an evaluation may train 4 of them, never the whole grid.
        var ctx = Tiny(reuse: true) with { EvaluatesShards = 2 };
        GridTraining.ForgetTrained();
        var refused = FluentActions.Invoking(() => GridTraining.Ensure(Grid, ctx))
            .Should().Throw<TrainingRefusedException>().Which.Message;
        refused.Should().Contain("refusing to train 8 of 8 members").And.Contain("at most 4")
            .And.Contain("g0.8-s1").And.Contain("g0.8-s8").And.Contain("no run in").And.NotContain("\n");
        Directory.Exists(Path.Combine(Dir, Grid.Folder, RunFolder.MemberName(0.8, 1))).Should().BeFalse();

        Train(Tiny(reuse: false) with { Shard = new Shard(1, 2) });
        Train(ctx); // shard 2's four members are missing: one shard's worth, trained here
        _log.Should().Contain(l => l.Contains("missing 4"));
    }
}
