using FluentAssertions;
using InitBias.Experiments;
using InitBias.Runs;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>Shards of a grid, each trained as its own ensemble, give the numbers of the grid trained whole.</summary>
[Trait("Category", "Integration")]
public sealed class ShardTests : TempFolderTest
{
    private static List<RunConfig> Grid(RunConfig c) =>
        new[] { 0.3, 0.8 }.SelectMany(g => new long[] { 1, 2 }.Select(s => c with { Gamma = g, Seed = s })).ToList();

    private List<string> Dirs(string root, IEnumerable<RunConfig> members) =>
        members.Select(m => Path.Combine(Dir, root, RunFolder.MemberName(m.Gamma, m.Seed))).ToList();

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
        var c = experiment switch
        {
            "gpt2-mix" => TinyConfigs.Gpt2Mix(steps: 30),
            "emb-mlp" => TinyConfigs.EmbMlp(steps: 40),
            _ => TinyConfigs.Transformer(steps: 40),
        };
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
