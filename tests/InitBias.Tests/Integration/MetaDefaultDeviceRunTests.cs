using FluentAssertions;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Probes.Recording;
using InitBias.Runs;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// The whole runner under meta as torch's default device (see DefaultDevice): model construction, init, training,
/// the claim grids' probes (mechanism statistics, linear probes, anchor embeddings, token sets), a checkpoint at
/// cancellation and the resume from it. A tensor made anywhere on that path without naming a device lands on meta
/// and throws; the run folders must hold the same bytes as a run with the CPU as the default device that never
/// stopped.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MetaDefaultDeviceRunTests : TempFolderTest
{
    private static IReadOnlyList<string> Train(RunConfig c, IReadOnlyList<ProbeSpec> probes, string root,
        bool resume = false, int stopAt = -1)
    {
        var members = new[] { c with { Gamma = 0.3 }, c with { Gamma = 0.8 } };
        var dirs = members.Select(m => Path.Combine(root, RunFolder.MemberName(m.Gamma, m.Seed))).ToList();
        using var cancel = new CancellationTokenSource();
        new ExperimentRunner
        {
            Device = torch.CPU,
            CheckpointEvery = 10,
            Resume = resume,
            OnStep = s => { if (s == stopAt) cancel.Cancel(); },
            Probes = ProbeRecorder.For(probes, dirs, members, c.Profile),
        }.Run(members, dirs, cancel.Token);
        return dirs;
    }

    private static Dictionary<string, string> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*.jsonl").ToDictionary(Path.GetFileName, f => File.ReadAllText(f))!;

    [Theory]
    [InlineData("transformer")]
    [InlineData("emb-mlp")]
    [InlineData("gpt2-mix")]
    public void A_run_with_probes_stopped_and_resumed_under_meta_writes_the_cpu_bytes(string experiment)
    {
        var (config, probes) = experiment switch
        {
            "transformer" => (TinyConfigs.Transformer(steps: 20) with
            {
                Train = TinyConfigs.Transformer().Train with { Steps = 20, EvalEvery = 10 }
            }, (ProbeSpec[])[new MechanismSpec()]),
            "emb-mlp" => (TinyConfigs.EmbMlp(steps: 20),
                [new AnchorEmbeddingsSpec(AnchorSteps.EmbMlpCheckpoints)]),
            _ => (TinyConfigs.Gpt2Mix(20), [new TokenSetsSpec()]),
        };
        var whole = Train(config, probes, Path.Combine(Dir, "cpu"));
        IReadOnlyList<string> parts;
        using (DefaultDevice.MetaScope())
        {
            parts = Train(config, probes, Path.Combine(Dir, "meta"), stopAt: 13);
            Checkpoint.Exists(parts[0]).Should().BeTrue();
            Train(config, probes, Path.Combine(Dir, "meta"), resume: true);
        }
        for (int m = 0; m < whole.Count; m++)
        {
            var expected = Files(whole[m]);
            expected.Keys.Should().Contain([RunFolder.MetricsFile, Probes.ProbeFile.File]);
            expected[Probes.ProbeFile.File].Should().NotBeEmpty();
            Files(parts[m]).Should().BeEquivalentTo(expected, $"member {m}'s files");
        }
    }
}
