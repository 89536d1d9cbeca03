using System.Text.Json;
using System.Text.Json.Serialization;
using InitBias.Experiments;
using TorchSharp;

namespace InitBias.Benchmarks;

/// <summary>What `initbias bench` measures and prints; snake_case JSON.</summary>
public sealed record BenchReport(
    string Device, int Threads, string Cpu, double MatmulPeakGflops,
    IReadOnlyList<ThroughputResult> Configurations,
    double EnsembleSpeedup, double EnsembleSpeedupEmbMlp)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>The reference configuration of the speed issue: the transformer at d_model 200 (spec alternative sizes), batch 1000.</summary>
    public static RunConfig Reference()
    {
        var c = ExperimentRegistry.Get("transformer").Defaults(Profiles.Ci);
        return c with { Model = c.Model with { DModel = 200, DFF = 600, DK = 100 }, Train = c.Train with { BatchSize = 1000 } };
    }

    public static BenchReport Run(torch.Device device, int repetitions, int timedSteps, Action<string>? log = null)
    {
        log?.Invoke("matmul peak ...");
        double peak = MatmulPeak.Measure(device);
        var results = new List<ThroughputResult>();
        ThroughputResult Bench(string name, RunConfig c, int members, int steps)
        {
            log?.Invoke($"{name} ...");
            var r = ThroughputBench.Measure(name, c, members, device, peak, timedSteps: steps, repetitions: repetitions);
            results.Add(r);
            return r;
        }
        var t = ExperimentRegistry.Get("transformer").Defaults(Profiles.Ci);
        var m = ExperimentRegistry.Get("emb-mlp").Defaults(Profiles.Ci);
        var t1 = Bench("transformer-ci-x1", t, 1, timedSteps);
        var t8 = Bench("transformer-ci-x8", t, 8, Math.Max(10, timedSteps / 4));
        var m1 = Bench("emb-mlp-ci-x1", m, 1, timedSteps);
        var m8 = Bench("emb-mlp-ci-x8", m, 8, Math.Max(10, timedSteps / 4));
        Bench("reference-d200-b1000-x1", Reference(), 1, Math.Max(10, timedSteps / 4));
        return new BenchReport(
            device.ToString(), torch.get_num_threads(), Runs.EnvironmentFingerprint.Capture(device).Cpu, Math.Round(peak, 1), results,
            Math.Round(8 * t8.StepsPerS / t1.StepsPerS, 2), Math.Round(8 * m8.StepsPerS / m1.StepsPerS, 2));
    }
}
