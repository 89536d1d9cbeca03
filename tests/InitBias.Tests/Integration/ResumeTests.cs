using System.Diagnostics;
using System.Text.Json.Nodes;
using FluentAssertions;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Probes.Recording;
using InitBias.Runs;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// A run stopped at step k and resumed from its checkpoint writes the same bytes (metrics and probes) as a run that
/// never stopped: stopped in process by cancellation, or killed as a child process. Bad checkpoints are refused.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ResumeTests : TempFolderTest
{
    private static RunConfig Gpt2(int steps) => TinyConfigs.Gpt2Mix(steps); // epochs end mid-run

    /// <summary>Two members (γ 0.3 and 0.8) trained as one ensemble, with the experiment's probe.</summary>
    private static IReadOnlyList<string> Train(RunConfig c, string root, bool resume = false, int stopAt = -1)
    {
        var members = new[] { c with { Gamma = 0.3 }, c with { Gamma = 0.8 } };
        var dirs = members.Select(m => Path.Combine(root, RunFolder.MemberName(m.Gamma, m.Seed))).ToList();
        using var cancel = new CancellationTokenSource();
        var runner = new ExperimentRunner
        {
            Device = torch.CPU,
            CheckpointEvery = 20,
            Resume = resume,
            OnStep = s => { if (s == stopAt) cancel.Cancel(); },
            Probes = ProbeRecorder.For(
                c.Experiment == "gpt2-mix" ? [new TokenSetsSpec()] : [new MechanismSpec()], dirs, members, c.Profile),
        };
        var results = runner.Run(members, dirs, cancel.Token);
        bool completes = stopAt < 0 || resume;
        results.Should().OnlyContain(r => r.Summary.Completed == completes);
        results.Should().OnlyContain(r => (r.Summary.ResumedAtStep != null) == resume);
        return dirs;
    }

    private static Dictionary<string, string> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*.jsonl").ToDictionary(Path.GetFileName, f => File.ReadAllText(f))!;

    [Theory]
    [InlineData("transformer", 37)] // between evaluations: the checkpoint is taken where cancellation stopped it
    [InlineData("transformer", 40)] // right after an evaluation and a periodic checkpoint
    [InlineData("gpt2-mix", 23)]
    public void A_run_cancelled_at_step_k_and_resumed_writes_the_same_bytes(string experiment, int k)
    {
        var c = experiment == "gpt2-mix" ? Gpt2(steps: 60) : TinyConfigs.Transformer(steps: 80);
        var whole = Train(c, Path.Combine(Dir, "whole"));
        var parts = Train(c, Path.Combine(Dir, "parts"), stopAt: k);
        Checkpoint.Exists(parts[0]).Should().BeTrue();
        RunFolder.ReadMetrics(parts[0])[^1]["step"].Should().BeLessThanOrEqualTo(k);

        Train(c, Path.Combine(Dir, "parts"), resume: true);
        Summary(parts[0])["resumedAtStep"]!.GetValue<int>().Should().Be(k, "cancellation checkpoints where it stopped");
        for (int e = 0; e < whole.Count; e++)
        {
            Files(parts[e]).Should().BeEquivalentTo(Files(whole[e]), "metrics and probes must be byte-identical");
            Checkpoint.Exists(parts[e]).Should().BeFalse("a completed run needs no checkpoint");
        }
    }

    [Fact]
    public void A_corrupt_or_foreign_checkpoint_is_refused_with_one_line_and_kept()
    {
        var c = TinyConfigs.Transformer(steps: 80);
        var dirs = Train(c, Dir, stopAt: 30);
        string path = Path.Combine(dirs[0], Checkpoint.File);

        var foreign = () => Train(c with { Train = c.Train with { Steps = 100 } }, Dir, resume: true);
        foreign.Should().Throw<InvalidDataException>().WithMessage("*written for another config*");

        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var corrupt = () => Train(c, Dir, resume: true);
        corrupt.Should().Throw<InvalidDataException>().WithMessage("*checksum*")
            .Which.Message.Should().NotContain("\n");
        File.ReadAllBytes(path).Should().Equal(bytes, "a refused checkpoint is never overwritten");
    }

    [Theory]
    [InlineData("transformer", 600)]
    [InlineData("gpt2-mix", 300)]
    public void A_killed_child_process_resumes_to_the_same_bytes(string experiment, int steps)
    {
        var c = experiment == "gpt2-mix" ? Gpt2(steps) : TinyConfigs.Transformer(steps);
        string config = Path.Combine(Dir, "config.json");
        File.WriteAllText(config, Json.Serialize(c));
        string whole = Path.Combine(Dir, "whole"), parts = Path.Combine(Dir, "parts");
        string[] Args(string dir) =>
            ["run", experiment, "--config", config, "--out", dir, "--checkpoint-every", "20", "--threads", "2"];

        Cli(Args(whole)).WaitForExit();
        using (var child = Cli(Args(parts)))
        {
            var checkpoint = Path.Combine(parts, Checkpoint.File);
            var clock = Stopwatch.StartNew();
            while (!File.Exists(checkpoint) && !child.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
                Thread.Sleep(5);
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
        File.Exists(Path.Combine(parts, RunFolder.SummaryFile)).Should().BeFalse("the child was killed mid-run");
        int stoppedAt = (int)RunFolder.ReadMetrics(parts)[^1]["step"];
        stoppedAt.Should().BeLessThan(steps);

        using (var resumed = Cli([.. Args(parts), "--resume"])) resumed.WaitForExit();
        File.ReadAllText(Path.Combine(parts, RunFolder.MetricsFile))
            .Should().Be(File.ReadAllText(Path.Combine(whole, RunFolder.MetricsFile)));
        var summary = Summary(parts);
        summary["completed"]!.GetValue<bool>().Should().BeTrue();
        summary["resumedAtStep"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(20).And.BeLessThan(steps);
    }

    private static JsonNode Summary(string dir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, RunFolder.SummaryFile)))!;

    /// <summary>The initbias executable built next to the tests, as a child process.</summary>
    private static Process Cli(string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "initbias"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        var p = Process.Start(start)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }
}
