using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Probes.Recording;
using InitBias.Runs;
using InitBias.Training;

namespace InitBias.Cli;

/// <summary>`initbias run EXPERIMENT`: one model, or a γ × seed grid trained as one ensemble.</summary>
public static class RunCommand
{
    public static Command Build()
    {
        var experiment = new Argument<string>("experiment")
        {
            Description = $"one of: {string.Join(", ", ExperimentRegistry.All.Keys)}"
        };
        var gamma = new Option<string?>("--gamma")
        {
            Description = "initialisation rate γ in (0, 2]; a comma list trains a grid (default: the profile's)"
        };
        var seed = new Option<string?>("--seed", "--seeds")
        {
            Description = "seed, or a list/range such as 1-8 (default 1)"
        };
        var steps = new Option<int?>("--steps") { Description = "optimizer steps (default: the profile's)" };
        var batch = new Option<int?>("--batch") { Description = "batch size (default: the profile's)" };
        var profile = new Option<string?>("--profile")
        {
            Description = "ci (CPU-sized, default), full (CPU, trained regime) or paper (spec sizes); " +
                          "INITBIAS_PROFILE sets the default"
        };
        var config = new Option<string?>("--config")
        {
            Description = "JSON file with (part of) a RunConfig, or a run folder's config.json"
        };
        var output = new Option<string?>("--out")
        {
            Description = "run folder (default runs/EXPERIMENT/PROFILE/gG-sS); a grid gets one subfolder per model"
        };
        var device = new Option<string?>("--device")
        {
            Description = "cpu, cuda or auto (default auto: CUDA when available)"
        };
        var threads = new Option<int?>("--threads") { Description = "torch threads (default: all cores)" };
        var precision = new Option<string?>("--precision") { Description = "matmul precision: fp32 (default) or bf16" };

        var resume = new Option<bool>("--resume")
        {
            Description = "continue the run(s) in --out from their last checkpoint (same config, code and members)"
        };
        var checkpointEvery = new Option<int?>("--checkpoint-every")
        {
            Description = "write a checkpoint every N steps, at an evaluation (default: about 10 per run; 0: only " +
                          "when stopped with Ctrl-C)"
        };

        var shard = new Option<string?>("--shard")
        {
            Description = "i/n: train only shard i of n of the grid's members (every n-th from the i-th) into --out"
        };
        var noProbes = new Option<bool>("--no-probes")
        {
            Description = "record no probes (default: the probes the experiment's claim grid declares, into " +
                          "probe.jsonl; read them with `initbias inspect`)"
        };

        var cmd = new Command("run", "Train an experiment and write its run folder(s)")
        {
            experiment, gamma, seed, steps, batch, profile, config, output, device, threads, precision, resume,
            checkpointEvery, shard, noProbes,
        };
        cmd.SetAction(p => Execute(
            p.GetValue(experiment)!, p.GetValue(gamma), p.GetValue(seed), p.GetValue(steps), p.GetValue(batch),
            p.GetValue(profile), p.GetValue(config), p.GetValue(output), p.GetValue(device), p.GetValue(threads),
            p.GetValue(precision), p.GetValue(resume), p.GetValue(checkpointEvery), p.GetValue(shard),
            p.GetValue(noProbes)));
        return cmd;
    }

    private static int Execute(string experiment, string? gammaText, string? seedText, int? steps, int? batch,
        string? profileName, string? configFile, string? outDir, string? deviceName, int? threads, string? precision,
        bool resume, int? checkpointEvery, string? shardText, bool noProbes)
    {
        // Everything is checked before anything is written: bad input leaves no trace.
        List<RunConfig> members;
        List<string> dirs;
        TorchSharp.torch.Device device;
        try
        {
            var profile = profileName ?? Profiles.Default;
            Profiles.Check(profile);
            if (threads is <= 0) throw new ArgumentException($"--threads must be positive (got {threads})");
            var baseConfig = ConfigResolver.Resolve(experiment, profile, configFile, steps, batch, precision);
            members = ConfigResolver.Members(baseConfig, gammaText, seedText);
            bool grid = members.Count > 1;
            string root = outDir ?? Path.Combine("runs", experiment, profile,
                grid ? "grid" : RunFolder.MemberName(members[0].Gamma, members[0].Seed));
            dirs = grid
                ? members.Select(m => Path.Combine(root, RunFolder.MemberName(m.Gamma, m.Seed))).ToList()
                : [root];
            if (grid && File.Exists(root)) throw new ArgumentException($"--out {root} is a file, not a folder");
            if (shardText is not null)
            {
                var shard = Shard.Parse(shardText);
                shard.Check(members.Count);
                (members, dirs) = (shard.Take(members), shard.Take(dirs));
            }
            if (checkpointEvery is < 0)
                throw new ArgumentException($"--checkpoint-every must be 0 or positive (got {checkpointEvery})");
            for (int i = 0; i < members.Count; i++)
            {
                if (RunFolder.CheckTarget(dirs[i], members[i]) is { } problem) throw new ArgumentException(problem);
                if (!resume && Checkpoint.Exists(dirs[i]))
                    throw new ArgumentException($"{dirs[i]} holds a checkpoint of an unfinished run; continue it " +
                                                "with --resume, or delete the folder to start again");
                if (resume && !Checkpoint.Exists(dirs[i]))
                    throw new ArgumentException($"--resume: {dirs[i]} holds no checkpoint");
            }
            TorchRuntime.Prepare(threads);
            device = TorchRuntime.ResolveDevice(deviceName);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"initbias run: {ex.Message}");
            return 2;
        }

        if (members[0].Train.Precision == Models.MatmulPrecision.Bf16 && device.type == TorchSharp.DeviceType.CPU
            && !CpuInfo.HasNativeBf16)
            Console.Error.WriteLine("warning: this CPU has no native bfloat16 (avx512_bf16/amx); " +
                                    "bf16 matmuls fall back to a kernel about 50x slower than fp32");
        using var cancel = new CancellationTokenSource();
        // Ctrl-C, and SIGTERM too: a job started in the background ignores SIGINT, and `kill` sends SIGTERM. Either
        // stops the run after this step with a checkpoint, so nothing trained is lost.
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            cancel.Cancel();
            Console.Error.WriteLine($"{signal.Signal}: stopping after this step; a checkpoint keeps what was trained");
        }
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var progress = new ProgressReporter(members[0].Train.Steps);
        string title = members.Count == 1
            ? $"{experiment} γ={members[0].Gamma.ToString(CultureInfo.InvariantCulture)} seed={members[0].Seed}"
            : $"{experiment} grid of {members.Count}";
        IReadOnlyList<MemberResult> results = [];
        try
        {
            var probes = noProbes ? [] : ClaimGrids.All.FirstOrDefault(g => g.Experiment == experiment)?.Probes ?? [];
            progress.Run(title, p => results = Train(members, dirs, device, resume, checkpointEvery, probes,
                cancel.Token, p));
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine($"initbias run: {ex.Message}");
            return 2;
        }
        foreach (var (r, dir) in results.Zip(dirs))
            Console.WriteLine($"{(r.Summary.Completed ? "done" : "stopped")}: {dir} " +
                              $"({r.Summary.StepsCompleted} steps, {r.Summary.StepsPerSecond:0.0} steps/s)" +
                              (r.Summary.Completed ? "" : "; continue with --resume"));
        if (results.FirstOrDefault()?.Summary.PhaseSeconds is { } phases)
            Console.WriteLine(phases.Describe()); // the ensemble's: the same for every member
        return results.All(r => r.Summary.Completed) ? 0 : 130;
    }

    private static IReadOnlyList<MemberResult> Train(List<RunConfig> members, List<string> dirs,
        TorchSharp.torch.Device device, bool resume, int? checkpointEvery, IReadOnlyList<ProbeSpec> probes,
        CancellationToken cancel, ProgressReporter p)
    {
        var runner = new ExperimentRunner
        {
            Device = device,
            OnStep = p.Step,
            OnEval = p.Eval,
            Probes = ProbeRecorder.For(probes, dirs, members, members[0].Profile),
            Resume = resume,
            CheckpointEvery = checkpointEvery ?? Checkpoint.DefaultEvery(members[0].Train),
        };
        return runner.Run(members, dirs, cancel);
    }

}
