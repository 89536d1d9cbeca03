using System.CommandLine;
using System.Globalization;
using InitBias.Benchmarks;
using InitBias.Experiments;

namespace InitBias.Cli;

/// <summary>`initbias bench`: matmul peaks, then training throughput of the claim models and grids.</summary>
public static class BenchCommand
{
    public static Command Build()
    {
        var json = new Option<bool>("--json") { Description = "print the report as JSON" };
        var reps = new Option<int>("--reps")
        {
            Description = "repetitions per configuration (median reported)",
            DefaultValueFactory = _ => 3
        };
        var steps = new Option<int>("--steps")
        {
            Description = "timed steps per single-model repetition (ensembles: a quarter)",
            DefaultValueFactory = _ => 60
        };
        var only = new Option<string?>("--only")
        {
            Description = "comma list of configurations (default all): " +
                string.Join(", ", BenchReport.Catalogue(Profiles.Ci).Select(c => c.Name))
        };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or auto" };
        var threads = new Option<int?>("--threads") { Description = "torch threads (default: all cores)" };
        var flops = new Option<string?>("--flop-table")
        {
            Description = "print, without measuring anything, the claim grids' training FLOPs in a profile (e.g. " +
                          "paper) and their hours on one H100 (docs/cuda.md)"
        };
        var cmd = new Command("bench",
            "Measure the machine's matmul peaks and the training throughput of the claim models and grids")
        {
            json, reps, steps, only, device, threads, flops
        };
        cmd.SetAction(p =>
        {
            if (p.GetValue(flops) is { } profile)
            {
                try { Profiles.Check(profile); }
                catch (ArgumentException ex)
                {
                    Console.Error.WriteLine($"initbias bench: {ex.Message}");
                    return 2;
                }
                Console.Write(FlopTable.Markdown(profile));
                return 0;
            }
            int r = p.GetValue(reps), s = p.GetValue(steps);
            var names = (p.GetValue(only) ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            TorchSharp.torch.Device dev;
            try
            {
                if (r < 1 || s < 1) throw new ArgumentException("--reps and --steps must be positive");
                if (p.GetValue(threads) is <= 0) throw new ArgumentException("--threads must be positive");
                var known = BenchReport.Catalogue(Profiles.Ci).Select(c => c.Name).ToHashSet();
                if (names.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
                    throw new ArgumentException(
                        $"unknown configuration '{unknown}' (known: {string.Join(", ", known)})");
                TorchRuntime.Prepare(p.GetValue(threads));
                dev = TorchRuntime.ResolveDevice(p.GetValue(device));
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"initbias bench: {ex.Message}");
                return 2;
            }
            var report = BenchReport.Run(dev, r, s, names, msg => Console.Error.WriteLine(msg));
            if (p.GetValue(json)) { Console.WriteLine(report.ToJson()); return 0; }
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine($"device {report.Device}, {report.Threads} threads, {report.Cpu} " +
                              $"({report.CpuGeneration}; {report.CpuVectorFlags}), " +
                              $"allocator tunables {(report.AllocatorTunables ? "on" : "off")}");
            Console.WriteLine($"matmul peak: float32 {report.MatmulPeakGflops.ToString("0.0", inv)} GFLOP/s, " +
                              $"bfloat16 {report.MatmulPeakBf16Gflops.ToString("0.0", inv)} GFLOP/s" +
                              $"{(report.NativeBf16 ? "" : " (no native bfloat16)")}");
            Console.WriteLine($"{"configuration",-28} {"steps/s",8} {"tokens/s",10} {"GFLOP/s",8} {"/fp32",6} " +
                              $"{"/bf16",6} {"user/step",9} {"sys/step",9}  phases");
            foreach (var c in report.Configurations)
                Console.WriteLine($"{c.Name,-28} {c.StepsPerS,8:0.00} {c.TokensPerS,10:0} {c.AchievedGflops,8:0.0} " +
                                  $"{c.RatioToFp32Peak,6:0.00} {c.RatioToBf16Peak,6:0.00} " +
                                  $"{c.UserSecondsPerStep,9:0.000} {c.SystemSecondsPerStep,9:0.000}  " +
                                  string.Join(" ", PhaseSeconds.TrainingStep.Append(Phase.Other)
                                      .Select(p => $"{PhaseSeconds.Name(p)} {c.PhaseShare[p]:0.00}")));
            if (report.EnsembleSpeedup is { } t)
                Console.WriteLine($"ensemble speedup (8 models vs one after another): transformer {t:0.00}x");
            if (report.EnsembleSpeedupEmbMlp is { } m)
                Console.WriteLine($"ensemble speedup (8 models vs one after another): emb-mlp {m:0.00}x");
            return 0;
        });
        return cmd;
    }
}
