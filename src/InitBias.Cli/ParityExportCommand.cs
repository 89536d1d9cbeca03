using System.CommandLine;
using System.Diagnostics;
using InitBias.Experiments;
using InitBias.Parity;
using InitBias.Runs;

namespace InitBias.Cli;

/// <summary>
/// `initbias parity-export EXPERIMENT`: trains a γ × seed grid as one ensemble, as `initbias run` does, and writes
/// every member's parity export (Parity/ParityExport: initial and final weights, batches, losses, evaluation sets and
/// metrics) into OUT/gG-sS, for tests/parity/parity.py and divergence.py. --stop-after trains only the first N steps
/// of the config's schedule, so a long run's beginning can be compared without shortening its schedule.
/// </summary>
public static class ParityExportCommand
{
    public static Command Build()
    {
        var experiment = new Argument<string>("experiment")
        {
            Description = "a synthetic experiment, e.g. transformer"
        };
        var profile = new Option<string?>("--profile") { Description = "ci (default), full or paper" };
        var config = new Option<string?>("--config") { Description = "JSON patch of the experiment's config" };
        var gamma = new Option<string?>("--gamma") { Description = "γ, or a comma list (default: the profile's)" };
        var seeds = new Option<string?>("--seeds") { Description = "seed, or a list/range such as 201-205" };
        var stopAfter = new Option<int?>("--stop-after")
        {
            Description = "train only the first N steps of the schedule (an evaluated step; default: all)"
        };
        var evalEvery = new Option<int?>("--eval-every") { Description = "evaluate every N steps (train.evalEvery)" };
        var output = new Option<string>("--out") { Description = "export folder", Required = true };
        var threads = new Option<int?>("--threads") { Description = "torch threads (default: all cores)" };
        var cmd = new Command("parity-export",
            "Train a grid as one ensemble and export every member for the PyTorch reference (tests/parity/)")
        {
            experiment, profile, config, gamma, seeds, stopAfter, evalEvery, output, threads,
        };
        cmd.SetAction(p => Execute(p.GetValue(experiment)!, p.GetValue(profile), p.GetValue(config),
            p.GetValue(gamma), p.GetValue(seeds), p.GetValue(stopAfter), p.GetValue(evalEvery), p.GetValue(output)!,
            p.GetValue(threads)));
        return cmd;
    }

    private static int Execute(string experiment, string? profileName, string? configFile, string? gammaText,
        string? seedText, int? stopAfter, int? evalEvery, string outDir, int? threads)
    {
        List<RunConfig> members;
        try
        {
            var profile = profileName ?? Profiles.Default;
            Profiles.Check(profile);
            var c = ConfigResolver.Resolve(experiment, profile, configFile, null, null);
            if (evalEvery is not null) c = c with { Train = c.Train with { EvalEvery = evalEvery.Value } };
            var gammas = gammaText is null ? [c.Gamma] : GridSpec.Gammas(gammaText);
            var seedList = seedText is null ? [c.Seed] : GridSpec.Seeds(seedText);
            members = gammas.SelectMany(g => seedList.Select(s => c with { Gamma = g, Seed = s })).ToList();
            var errors = members.SelectMany(m => m.Validate()).Distinct().ToList();
            if (errors.Count > 0) throw new ArgumentException(errors[0]);
            if (threads is <= 0) throw new ArgumentException($"--threads must be positive (got {threads})");
            TorchRuntime.Prepare(threads);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"initbias parity-export: {ex.Message}");
            return 2;
        }
        var dirs = members.Select((m, i) => (i, Path.Combine(outDir, RunFolder.MemberName(m.Gamma, m.Seed))))
            .ToDictionary(x => x.i, x => x.Item2);
        int steps = stopAfter ?? members[0].Train.Steps;
        var clock = Stopwatch.StartNew();
        // Progress on stderr every 100 steps: the driver (docs/parity/divergence.sh) reads the rate for planning.
        void Report(int step)
        {
            if (step % 100 == 0 || step == steps)
                Console.Error.WriteLine($"parity-export: step {step}/{steps}, {step / clock.Elapsed.TotalSeconds:F2} " +
                                        "steps/s");
        }
        try
        {
            ParityExport.Export(members, dirs, TorchSharp.torch.CPU, stopAfter: stopAfter, onStep: Report);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"initbias parity-export: {ex.Message}");
            return 2;
        }
        Console.WriteLine($"exported {members.Count} members, {steps} steps, {clock.Elapsed.TotalSeconds:F1} s, " +
                          $"{steps / clock.Elapsed.TotalSeconds:F2} steps/s: {string.Join(", ", dirs.Values)}");
        return 0;
    }
}
