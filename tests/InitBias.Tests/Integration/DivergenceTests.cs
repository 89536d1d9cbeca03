using System.Text.Json.Nodes;
using FluentAssertions;
using InitBias.Experiments;
using InitBias.Parity;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// The divergence comparison (issue 28, docs/parity.md) at toy size: a member exported after the first steps of a
/// longer schedule (ParityExport's stopAfter), with its evaluation sets and metrics, and tests/parity/divergence.py
/// repeating it in PyTorch and evaluating at the same steps.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DivergenceTests : TempFolderTest
{
    private const int Schedule = 40, Stop = 10, EvalEvery = 5;

    /// <summary>A small transformer (d 32) on ci's task, 50 evaluation samples per group, evaluated every 5 steps.
    /// </summary>
    private static RunConfig Toy(double gamma, long seed) =>
        ParityHarness.Config("transformer", gamma, seed, Schedule, c => c with
        {
            Model = c.Model with { DModel = 32, DFF = 64, DK = 16 },
            Train = c.Train with { EvalEvery = EvalEvery },
        });

    /// <summary>Member 0 of a two-member ensemble (the multi-member kernel, as the driver's ensemble takes).</summary>
    private static RunConfig[] Members => [Toy(0.3, 201), Toy(0.8, 202)];

    [Fact]
    public void Divergence_json_compares_both_sides_at_the_evaluation_steps()
    {
        string dir = Path.Combine(Dir, "stopped");
        ParityExport.Export(Members, new Dictionary<int, string> { [0] = dir }, stopAfter: Stop);
        ParityHarness.Script("divergence.py", [dir]);

        var d = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "divergence.json")))!.AsObject();
        d["steps"]!.GetValue<int>().Should().Be(Stop);
        d["schedule_steps"]!.GetValue<int>().Should().Be(Schedule);
        d.ContainsKey("first_step_acc_mem_differs_by_more_than_0.05").Should().BeTrue();
        var points = d["points"]!.AsArray();
        points.Select(p => p!["step"]!.GetValue<int>()).Should().Equal(0, 5, 10);
        foreach (var side in new[] { "csharp", "torch" })
            foreach (var key in new[] { "acc_mem", "acc_rsn_train", "acc_rsn_test", "loss_mem" })
                points[0]![side]![key].Should().NotBeNull($"{side} reports {key}");
        // From the same weights on the same samples the argmax agrees, up to a near-tie that rounding may flip on
        // another CPU kind: at most one of the 50 samples of a group.
        foreach (var key in new[] { "acc_mem", "acc_rsn_train", "acc_rsn_test" })
            points[0]!["torch"]![key]!.GetValue<double>().Should().BeApproximately(
                points[0]!["csharp"]![key]!.GetValue<double>(), 1.0 / 50 + 1e-12, key);
        points[^1]!["torch"]!["train_loss"]!.GetValue<double>().Should()
            .BeApproximately(points[^1]!["csharp"]!["train_loss"]!.GetValue<double>(), 1e-4);
    }

    /// <summary>Stopping is number-neutral: the stopped run's batches, losses, metrics and final weights are the
    /// continuing run's at the same steps, bit for bit.</summary>
    [Fact]
    public void Stopping_early_changes_nothing_before_the_stop()
    {
        string stopped = Path.Combine(Dir, "stopped"), full = Path.Combine(Dir, "full");
        ParityExport.Export(Members, new Dictionary<int, string> { [0] = stopped }, stopAfter: Stop);
        ParityExport.Export(Members, new Dictionary<int, string> { [0] = full }, snapshotSteps: [Stop]);

        NpyData(Path.Combine(full, "batches.npy")).Should().StartWith(NpyData(Path.Combine(stopped, "batches.npy")));
        NpyData(Path.Combine(full, "losses.npy")).Should().StartWith(NpyData(Path.Combine(stopped, "losses.npy")));
        foreach (var f in Directory.GetFiles(Path.Combine(stopped, "final")))
            File.ReadAllBytes(f).Should().Equal(File.ReadAllBytes(Path.Combine(full, $"at{Stop}", Path.GetFileName(f))),
                Path.GetFileName(f));
        foreach (var f in Directory.GetFiles(Path.Combine(stopped, "eval")))
            File.ReadAllBytes(f).Should().Equal(File.ReadAllBytes(Path.Combine(full, "eval", Path.GetFileName(f))));
        var a = JsonNode.Parse(File.ReadAllText(Path.Combine(stopped, "metrics.json")))!.AsArray();
        var b = JsonNode.Parse(File.ReadAllText(Path.Combine(full, "metrics.json")))!.AsArray();
        a.Count.Should().Be(Stop / EvalEvery + 1);
        for (int i = 0; i < a.Count; i++) a[i]!.ToJsonString().Should().Be(b[i]!.ToJsonString());
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(stopped, "manifest.json")))!;
        manifest["steps"]!.GetValue<int>().Should().Be(Stop);
        manifest["train"]!["steps"]!.GetValue<int>().Should().Be(Schedule);
    }

    /// <summary>The values of a .npy file (after its header: magic and version 8 bytes, header length 2).</summary>
    private static byte[] NpyData(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int start = 10 + BitConverter.ToUInt16(bytes, 8);
        return bytes[start..];
    }
}
