using System.Diagnostics;
using InitBias.Experiments;
using InitBias.Training;
using TorchSharp;

namespace InitBias.Benchmarks;

/// <summary>One measured training configuration.</summary>
public sealed record ThroughputResult(
    string Name, string Experiment, string Precision, int Members, int DModel, int BatchSize,
    double StepsPerS, double TokensPerS, double AchievedGflops, double RatioToFp32Peak, double RatioToBf16Peak,
    double UserSecondsPerStep, double SystemSecondsPerStep,
    PhaseSeconds PhaseShare);

/// <summary>
/// Training throughput of E members trained as one ensemble: steps/s over timed steps after a warm-up, evaluation
/// excluded, median over repetitions (a fresh model each time), each phase's share of the timed steps, and the
/// process's user and kernel CPU time per step (a large kernel share means the allocator maps pages, not that the
/// model computes).
/// </summary>
public static class ThroughputBench
{
    /// <summary>E members that differ only by seed, as the single-config benches train them.</summary>
    public static IReadOnlyList<RunConfig> Seeds(RunConfig c, int members) =>
        Enumerable.Range(0, members).Select(i => c with { Seed = c.Seed + i }).ToList();

    /// <summary>A claim grid's members: every γ × seeds 1..n, as GridTraining trains them.</summary>
    public static IReadOnlyList<RunConfig> Grid(RunConfig c, IReadOnlyList<double> gammas, int seeds) =>
        gammas.SelectMany(g => Enumerable.Range(1, seeds).Select(s => c with { Gamma = g, Seed = s })).ToList();

    public static ThroughputResult Measure(string name, IReadOnlyList<RunConfig> members, torch.Device device,
        double fp32Peak, double bf16Peak, int warmupSteps = 10, int timedSteps = 60, int repetitions = 3)
    {
        int total = warmupSteps + timedSteps;
        var configs = members.Select(m => m with { Train = m.Train with { Steps = total, EvalEvery = total } })
            .ToList();
        var c = configs[0];
        var rates = new List<double>();
        double user = 0, system = 0;
        var phases = new double[PhaseSeconds.All.Count];
        for (int r = 0; r < repetitions; r++)
        {
            // On CUDA every clock read waits for the queued kernels first: otherwise it reads launch time.
            var sync = DeviceSync.Before(device);
            var profile = new StepProfile(sync);
            var clock = new Stopwatch();
            TimeSpan user0 = default, system0 = default;
            new ExperimentRunner
            {
                Device = device,
                Profile = profile,
                OnStep = s =>
                {
                    if (s == warmupSteps)
                    {
                        sync();
                        profile.Reset();
                        (user0, system0) = CpuTimes();
                        clock.Restart();
                    }
                    if (s != total) return;
                    sync();
                    clock.Stop();
                    var (u, k) = CpuTimes();
                    user += (u - user0).TotalSeconds;
                    system += (k - system0).TotalSeconds;
                },
            }.Run(configs);
            rates.Add(timedSteps / clock.Elapsed.TotalSeconds);
            var seconds = profile.Seconds;
            foreach (var p in PhaseSeconds.All.Where(p => p is not (Phase.Evaluation or Phase.Probes
                         or Phase.Checkpoints)))
                phases[(int)p] += seconds[p];
        }
        double stepsPerS = MatmulPeak.Median(rates);
        double gflops = FlopCount.TrainingStep(c, members.Count) * stepsPerS / 1e9;
        double phaseTotal = phases.Sum();
        int timed = timedSteps * repetitions;
        return new ThroughputResult(
            name, c.Experiment, c.Train.Precision, members.Count, c.Model.DModel, c.Train.BatchSize,
            Math.Round(stepsPerS, 3),
            Math.Round(stepsPerS * members.Count * FlopCount.TokensPerStep(c), 1),
            Math.Round(gflops, 2),
            Math.Round(gflops / fp32Peak, 3),
            Math.Round(gflops / bf16Peak, 3),
            Math.Round(user / timed, 4),
            Math.Round(system / timed, 4),
            PhaseSeconds.From(p => Math.Round(phases[(int)p] / phaseTotal, 3)));
    }

    private static (TimeSpan User, TimeSpan System) CpuTimes()
    {
        using var p = Process.GetCurrentProcess();
        return (p.UserProcessorTime, p.PrivilegedProcessorTime);
    }
}
