using System.CommandLine;
using System.Globalization;
using InitBias.Benchmarks;

namespace InitBias.Cli;

/// <summary>`initbias bench`: matmul peak, then training throughput of the claim models, single and as ensembles.</summary>
public static class BenchCommand
{
    public static Command Build()
    {
        var json = new Option<bool>("--json") { Description = "print the report as JSON" };
        var reps = new Option<int>("--reps") { Description = "repetitions per configuration (median reported)", DefaultValueFactory = _ => 3 };
        var steps = new Option<int>("--steps") { Description = "timed steps per single-model repetition", DefaultValueFactory = _ => 60 };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or auto" };
        var threads = new Option<int?>("--threads") { Description = "torch threads (default: all cores)" };
        var cmd = new Command("bench", "Measure the machine's matmul peak and the training throughput of the claim models") { json, reps, steps, device, threads };
        cmd.SetAction(p =>
        {
            int r = p.GetValue(reps), s = p.GetValue(steps);
            TorchSharp.torch.Device dev;
            try
            {
                if (r < 1 || s < 1) throw new ArgumentException("--reps and --steps must be positive");
                if (p.GetValue(threads) is <= 0) throw new ArgumentException("--threads must be positive");
                TorchRuntime.Prepare(p.GetValue(threads));
                dev = TorchRuntime.ResolveDevice(p.GetValue(device));
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"initbias bench: {ex.Message}");
                return 2;
            }
            bool asJson = p.GetValue(json);
            var report = BenchReport.Run(dev, r, s, msg => Console.Error.WriteLine(msg));
            if (asJson) { Console.WriteLine(report.ToJson()); return 0; }
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine($"device {report.Device}, {report.Threads} threads, {report.Cpu}");
            Console.WriteLine($"matmul peak: {report.MatmulPeakGflops.ToString("0.0", inv)} GFLOP/s");
            Console.WriteLine($"{"configuration",-26} {"steps/s",9} {"tokens/s",11} {"GFLOP/s",8} {"of peak",8}  phases");
            foreach (var c in report.Configurations)
                Console.WriteLine($"{c.Name,-26} {c.StepsPerS,9:0.00} {c.TokensPerS,11:0} {c.AchievedGflops,8:0.0} {c.RatioToPeak,8:0.00}  " +
                                  string.Join(" ", c.PhaseShare.Select(kv => $"{kv.Key} {kv.Value:0.00}")));
            Console.WriteLine($"ensemble speedup (8 models, vs one after another): transformer {report.EnsembleSpeedup:0.00}x, emb-mlp {report.EnsembleSpeedupEmbMlp:0.00}x");
            return 0;
        });
        return cmd;
    }
}
