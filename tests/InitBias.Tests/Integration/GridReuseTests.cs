using FluentAssertions;
using InitBias.Claims;
using InitBias.Claims.Grids;
using InitBias.Experiments;
using InitBias.Runs;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// A second claim that needs a grid another process trained starts at once, and only when nothing that decides the
/// numbers changed; otherwise it trains again and says why.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GridReuseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("initbias-reuse-").FullName;
    private readonly List<string> _log = [];

    public void Dispose()
    {
        GridRun.ForgetTrained();
        Directory.Delete(_dir, true);
    }

    private ClaimContext Tiny(bool reuse, int steps = 20) => new(Profiles.Ci, torch.CPU, _dir)
    {
        Reuse = reuse,
        Log = _log.Add,
        Adjust = c => c with
        {
            Task = c.Task with { KeyMax = 40, SamplesPerCombination = 4, EvalSamplesPerGroup = 50 },
            Train = c.Train with { Steps = steps, EvalEvery = 10 },
        },
    };

    private GridRun Train(ClaimContext ctx)
    {
        GridRun.ForgetTrained(); // as a new process
        _log.Clear();
        return GridRun.Get(ctx, "emb-mlp", [0.8]);
    }

    [Fact]
    public void A_completed_grid_is_reused_only_when_config_and_code_match()
    {
        var first = Train(Tiny(reuse: true));
        _log.Should().Contain(l => l.StartsWith("not reusing emb-mlp grid: no run in"));
        var metrics = Path.Combine(first.Dir(0.8, first.Seeds[0]), RunFolder.MetricsFile);
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

        var last = first.Dir(0.8, first.Seeds[^1]);
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
        var expected = whole.Seeds.Select(s => File.ReadAllText(Path.Combine(whole.Dir(0.8, s), RunFolder.MetricsFile)))
            .ToList();
        Directory.Delete(whole.Folder, true);

        var first = Train(Tiny(reuse: false) with { Shard = new Shard(1, 2) });
        first.Missing.Should().Equal("g0.8-s2", "g0.8-s4", "g0.8-s6", "g0.8-s8");
        _log.Should().Contain(l => l.StartsWith("training shard 1/2 of emb-mlp grid (4 models"));
        Train(Tiny(reuse: false) with { Shard = new Shard(2, 2) }).Missing.Should().BeEmpty();

        var evaluated = Train(Tiny(reuse: true));
        _log.Should().Contain(l => l.StartsWith("reusing emb-mlp grid")).And.NotContain(l => l.StartsWith("training"));
        evaluated.Seeds.Select(s => File.ReadAllText(Path.Combine(evaluated.Dir(0.8, s), RunFolder.MetricsFile)))
            .Should().Equal(expected, "shards of two or more members give the whole grid's numbers");
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
        var expected = whole.Seeds.Select(s => File.ReadAllText(Path.Combine(whole.Dir(0.8, s), RunFolder.MetricsFile)))
            .ToList();

        // The same grid, stopped at step 25 as a killed claim run would leave it (checkpoints every 10 steps).
        var ctx = Tiny(reuse: true, steps: 40);
        var members = ctx.Seeds.Select(s => ctx.ConfigOf("emb-mlp") with { Gamma = 0.8, Seed = s }).ToList();
        using var cancel = new CancellationTokenSource();
        new ExperimentRunner
        {
            Device = torch.CPU,
            CheckpointEvery = 10,
            OnStep = s => { if (s == 25) cancel.Cancel(); },
        }.Run(members, whole.Seeds.Select(s => whole.Dir(0.8, s)).ToList(), cancel.Token);

        var resumed = Train(ctx);
        _log.Should().Contain(l => l.StartsWith("resuming emb-mlp grid")).And.NotContain(l => l.StartsWith("training"));
        resumed.Seeds.Select(s => File.ReadAllText(Path.Combine(resumed.Dir(0.8, s), RunFolder.MetricsFile)))
            .Should().Equal(expected);
    }
}
