using System.Diagnostics;
using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Parity;

namespace InitBias.Tests.Integration;

/// <summary>One variant of the reference's comparison (parity.json): "none" or a deliberately broken reference.
/// </summary>
public sealed record ParityVariant(string Name, bool InitOk, double MaxLossRelDiff, double MaxWeightRelDiff,
    IReadOnlyList<double> LossRelDiff)
{
    /// <summary>Whether this variant agrees with the C# run within the tolerances (init rule, losses, weights).
    /// </summary>
    public bool Agrees(ParityTolerance t) =>
        InitOk && MaxLossRelDiff <= t.Loss && MaxWeightRelDiff <= t.Weight;

    public override string ToString() =>
        $"{Name}: init {(InitOk ? "ok" : "WRONG")}, max loss rel diff {MaxLossRelDiff:G3}, " +
        $"max weight rel diff {MaxWeightRelDiff:G3}";
}

/// <summary>The largest relative loss difference over the steps and the largest final-weight difference (per
/// tensor: max |Δ| / max |w|) a run may show and still count as the same computation.</summary>
public sealed record ParityTolerance(double Loss, double Weight);

/// <summary>
/// Exports one ensemble member's run (Parity/ParityExport) and repeats it in the PyTorch reference,
/// tests/parity/parity.py, run by Debian's /usr/bin/python3 (python3-torch), with the named broken variants.
/// </summary>
public static class ParityHarness
{
    public const string Python = "/usr/bin/python3";

    public static IReadOnlyDictionary<string, ParityVariant> Run(IReadOnlyList<RunConfig> members, int member,
        string dir, IReadOnlyList<string> breaks, IReadOnlyList<string>? options = null,
        IReadOnlyCollection<int>? snapshotSteps = null)
    {
        var clock = Stopwatch.StartNew();
        ParityExport.Export(members, member, dir, snapshotSteps: snapshotSteps);
        double export = clock.Elapsed.TotalSeconds;
        string stdout = Script("parity.py", [dir, "--break", string.Join(",", breaks), .. options ?? []]);
        Console.WriteLine($"parity {members[member].Experiment} γ {members[member].Gamma}: export {export:F1} s, " +
                          $"reference {clock.Elapsed.TotalSeconds - export:F1} s\n{stdout}");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "parity.json")))!["variants"]!.AsObject();
        return json.ToDictionary(kv => kv.Key, kv => new ParityVariant(kv.Key,
            kv.Value!["init_ok"]!.GetValue<bool>(),
            kv.Value["max_loss_rel_diff"]!.GetValue<double>(),
            kv.Value["max_weight_rel_diff"]!.GetValue<double>(),
            kv.Value["loss_rel_diff"]!.AsArray().Select(n => n!.GetValue<double>()).ToList()));
    }

    /// <summary>Runs tests/parity/{script} with Debian's python3-torch; returns its stdout, throws when it fails.
    /// </summary>
    public static string Script(string script, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Repository.Root()!, "tests", "parity", script));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {stderr.Result}");
        return stdout;
    }

    /// <summary>An experiment's ci config, shrunk to a parity run: `steps` steps, evaluated only at the ends, small
    /// evaluation sets (evaluation does not change the trajectory).</summary>
    public static RunConfig Config(string experiment, double gamma, long seed, int steps,
        Func<RunConfig, RunConfig>? adjust = null) =>
        ExperimentRegistry.Resolve(experiment, Profiles.Ci, c =>
        {
            var s = c with
            {
                Gamma = gamma,
                Seed = seed,
                Task = c.Task with { EvalSamplesPerGroup = 50 },
                Train = c.Train with { Steps = steps, EvalEvery = steps },
            };
            return adjust is null ? s : adjust(s);
        });
}
