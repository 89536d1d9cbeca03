using System.Text.Json;
using System.Text.Json.Serialization;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Models;
using TorchSharp;

namespace InitBias.Benchmarks;

/// <summary>What `initbias bench` measures and prints; snake_case JSON.</summary>
public sealed record BenchReport(
    string Device, int Threads, string Cpu, string CpuGeneration, string CpuVectorFlags, bool NativeBf16,
    bool AllocatorTunables, double MatmulPeakGflops, double MatmulPeakBf16Gflops,
    IReadOnlyList<ThroughputResult> Configurations,
    double? EnsembleSpeedup, double? EnsembleSpeedupEmbMlp)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>
    /// The reference configuration of the speed issue: the transformer at d_model 200 (spec alternative sizes),
    /// batch 1000.
    /// </summary>
    public static RunConfig Reference()
    {
        var c = ExperimentRegistry.Get("transformer").Defaults(Profiles.Ci);
        return c with
        {
            Model = c.Model with { DModel = 200, DFF = 600, DK = 100 },
            Train = c.Train with { BatchSize = 1000 }
        };
    }

    /// <summary>
    /// Every configuration the bench knows, by name: single models, 8-ensembles and the claim grids as trained.
    /// </summary>
    public static IReadOnlyList<(string Name, Func<IReadOnlyList<RunConfig>> Members, bool Large)> Catalogue(
        string profile)
    {
        RunConfig D(string e) => ExperimentRegistry.Get(e).Defaults(profile);
        RunConfig Bf16(RunConfig c) => c with { Train = c.Train with { Precision = MatmulPrecision.Bf16 } };
        return
        [
            ("transformer-x1", () => ThroughputBench.Seeds(D("transformer"), 1), false),
            ("transformer-x8", () => ThroughputBench.Seeds(D("transformer"), 8), true),
            ("emb-mlp-x1", () => ThroughputBench.Seeds(D("emb-mlp"), 1), false),
            ("emb-mlp-x8", () => ThroughputBench.Seeds(D("emb-mlp"), 8), true),
            ("reference-d200-b1000-x1", () => ThroughputBench.Seeds(Reference(), 1), true),
            // The claim grids exactly as GridTraining trains them (their γ × 8 seeds).
            ("transformer-grid-x24", () => ThroughputBench.Grid(D("transformer"), ClaimGrids.Transformer.Gammas, 8),
                true),
            ("emb-mlp-grid-x16", () => ThroughputBench.Grid(D("emb-mlp"), ClaimGrids.EmbMlp.Gammas, 8), true),
            ("gpt2-mix-grid-x24", () => ThroughputBench.Grid(D("gpt2-mix"), ClaimGrids.Gpt2Mix.Gammas, 8), true),
            ("transformer-grid-x24-bf16",
                () => ThroughputBench.Grid(Bf16(D("transformer")), ClaimGrids.Transformer.Gammas, 8), true),
        ];
    }

    /// <summary>
    /// Runs the named configurations (all when <paramref name="only"/> is empty). bf16 configurations are skipped on
    /// a CPU without native bfloat16, where they would take hours and say only that the fallback kernel is slow.
    /// </summary>
    public static BenchReport Run(torch.Device device, int repetitions, int timedSteps,
        IReadOnlyCollection<string> only, Action<string>? log = null, string profile = Profiles.Ci)
    {
        bool nativeBf16 = device.type == DeviceType.CUDA || CpuInfo.HasNativeBf16;
        log?.Invoke("matmul peak (float32) ...");
        double peak = MatmulPeak.Measure(device);
        log?.Invoke($"matmul peak (bfloat16{(nativeBf16 ? "" : ", no native support: 1024³")}) ...");
        double peak16 = MatmulPeak.Measure(device, torch.ScalarType.BFloat16, size: nativeBf16 ? 2048 : 1024);
        var results = new List<ThroughputResult>();
        foreach (var (name, members, large) in Catalogue(profile))
        {
            if (only.Count > 0 && !only.Contains(name)) continue;
            if (name.EndsWith("-bf16", StringComparison.Ordinal) && !nativeBf16)
            {
                log?.Invoke($"{name}: skipped, this CPU has no native bfloat16");
                continue;
            }
            log?.Invoke($"{name} ...");
            int steps = large ? Math.Max(10, timedSteps / 4) : timedSteps;
            results.Add(ThroughputBench.Measure(name, members(), device, peak, peak16, timedSteps: steps,
                repetitions: repetitions));
        }
        double? Speedup(string one, string eight) =>
            results.FirstOrDefault(r => r.Name == one) is { } a && results.FirstOrDefault(r => r.Name == eight) is { } b
                ? Math.Round(8 * b.StepsPerS / a.StepsPerS, 2) : null;
        return new BenchReport(
            device.ToString(), torch.get_num_threads(), Runs.EnvironmentFingerprint.Capture(device).Cpu,
            CpuInfo.Generation, CpuInfo.VectorFlags, nativeBf16, NativeEnvironment.Active,
            Math.Round(peak, 1), Math.Round(peak16, 1), results,
            Speedup("transformer-x1", "transformer-x8"), Speedup("emb-mlp-x1", "emb-mlp-x8"));
    }
}
