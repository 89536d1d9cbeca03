using System.Diagnostics;
using InitBias.Experiments;
using InitBias.Training;
using TorchSharp;

namespace InitBias.Benchmarks;

/// <summary>One measured training configuration.</summary>
public sealed record ThroughputResult(
    string Name, string Experiment, int Members, int DModel, int BatchSize,
    double StepsPerS, double TokensPerS, double AchievedGflops, double RatioToPeak,
    IReadOnlyDictionary<string, double> PhaseShare);

/// <summary>
/// Training throughput of a config trained as an ensemble of E members: steps/s over timed steps after a warm-up,
/// evaluation excluded, median over repetitions (a fresh model each time), and the share of time per phase.
/// </summary>
public static class ThroughputBench
{
    public static ThroughputResult Measure(string name, RunConfig config, int members, torch.Device device, double peakGflops,
        int warmupSteps = 10, int timedSteps = 60, int repetitions = 3)
    {
        int total = warmupSteps + timedSteps;
        var c = config with { Train = config.Train with { Steps = total, EvalEvery = total } };
        var memberConfigs = Enumerable.Range(0, members).Select(i => c with { Seed = c.Seed + i }).ToList();
        var rates = new List<double>();
        var phases = new Dictionary<string, double>();
        for (int r = 0; r < repetitions; r++)
        {
            var profile = new StepProfile();
            var clock = new Stopwatch();
            new ExperimentRunner
            {
                Device = device,
                Profile = profile,
                OnStep = s =>
                {
                    if (s == warmupSteps) { clock.Restart(); profile.Reset(); }
                    if (s == total) clock.Stop();
                },
            }.Run(memberConfigs);
            rates.Add(timedSteps / clock.Elapsed.TotalSeconds);
            foreach (var (k, v) in profile.Seconds.Where(kv => kv.Key != "eval")) phases[k] = phases.GetValueOrDefault(k) + v;
        }
        double stepsPerS = MatmulPeak.Median(rates);
        double flops = FlopCount.TrainingStep(c, members) * stepsPerS / 1e9;
        double phaseTotal = phases.Values.Sum();
        return new ThroughputResult(
            name, c.Experiment, members, c.Model.DModel, c.Train.BatchSize,
            Math.Round(stepsPerS, 3),
            Math.Round(stepsPerS * members * c.Train.BatchSize * c.Task.SeqLen, 1),
            Math.Round(flops, 2),
            Math.Round(flops / peakGflops, 3),
            phases.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value / phaseTotal, 3)));
    }
}
