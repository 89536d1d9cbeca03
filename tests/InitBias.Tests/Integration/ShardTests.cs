using FluentAssertions;
using InitBias.Experiments;
using InitBias.Runs;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>Shards of a grid, each trained as its own ensemble, give the numbers of the grid trained whole.</summary>
[Trait("Category", "Integration")]
public sealed class ShardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("initbias-shard-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static List<RunConfig> Grid(RunConfig c) =>
        new[] { 0.3, 0.8 }.SelectMany(g => new long[] { 1, 2 }.Select(s => c with { Gamma = g, Seed = s })).ToList();

    private List<string> Dirs(string root, IEnumerable<RunConfig> members) =>
        members.Select(m => Path.Combine(_dir, root, RunFolder.MemberName(m.Gamma, m.Seed))).ToList();

    /// <summary>
    /// Shards of 2 members against the grid of 4. One-member shards are refused (Shard.Check): torch multiplies a
    /// one-member ensemble with another kernel and the Emb-MLP's losses then differ in the 9th digit.
    /// </summary>
    [Theory]
    [InlineData("transformer")]
    [InlineData("emb-mlp")]
    [InlineData("gpt2-mix")]
    public void Members_trained_in_two_shards_equal_the_whole_grid(string experiment)
    {
        var c = TinyConfigs.Transformer(steps: 40);
        if (experiment == "gpt2-mix")
        {
            var d = ExperimentRegistry.Get("gpt2-mix").Defaults(Profiles.Ci);
            c = ExperimentRegistry.Complete(d with
            {
                Corpus = d.Corpus! with { Documents = 8, ContextLength = 16, EvalWindows = 16 },
                Model = d.Model with { DModel = 16, DFF = 32, Heads = 2 },
                Train = d.Train with { Steps = 30, EvalEvery = 10 },
            });
        }
        if (experiment == "emb-mlp")
        {
            var d = ExperimentRegistry.Get("emb-mlp").Defaults(Profiles.Ci);
            c = d with
            {
                Task = d.Task with { KeyMax = 40, SamplesPerCombination = 4, EvalSamplesPerGroup = 50 },
                Train = d.Train with { Steps = 40, EvalEvery = 10 }
            };
        }
        var members = Grid(c);
        new ExperimentRunner { Device = torch.CPU }.Run(members, Dirs("whole", members));
        for (int i = 1; i <= 2; i++)
        {
            var share = new Shard(i, 2).Take(members);
            new ExperimentRunner { Device = torch.CPU }.Run(share, Dirs("shards", share));
        }
        foreach (var (whole, part) in Dirs("whole", members).Zip(Dirs("shards", members)))
            File.ReadAllText(Path.Combine(part, RunFolder.MetricsFile))
                .Should().Be(File.ReadAllText(Path.Combine(whole, RunFolder.MetricsFile)), part);
    }
}
