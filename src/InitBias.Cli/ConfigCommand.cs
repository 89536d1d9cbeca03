using System.CommandLine;
using InitBias.Experiments;
using InitBias.Grids;

namespace InitBias.Cli;

/// <summary>
/// `initbias config EXPERIMENT`: the resolved RunConfig that `initbias run` would train with the same options, one
/// value a line, each with where it came from (ConfigTrace): RunConfig's C# default, a profile file
/// (profiles/{paper,ci,full}.json, for the experiment or the one it derives from), the experiment's change in the
/// registry, a derived value, the --config file or a command-line option. It resolves through ConfigResolver, the
/// same code as run, and trains nothing.
/// </summary>
public static class ConfigCommand
{
    public static Command Build()
    {
        var experiment = new Argument<string>("experiment")
        {
            Description = $"one of: {string.Join(", ", ExperimentRegistry.All.Keys)}"
        };
        var profile = new Option<string?>("--profile")
        {
            Description = "ci (default, or INITBIAS_PROFILE), full or paper"
        };
        var config = new Option<string?>("--config") { Description = "as for run: JSON with (part of) a RunConfig" };
        var gamma = new Option<string?>("--gamma") { Description = "as for run: γ, or a comma list (a grid)" };
        var seed = new Option<string?>("--seed", "--seeds") { Description = "as for run: seed, list or range" };
        var steps = new Option<int?>("--steps") { Description = "as for run: optimizer steps" };
        var batch = new Option<int?>("--batch") { Description = "as for run: batch size" };
        var precision = new Option<string?>("--precision") { Description = "as for run: fp32 or bf16" };
        var cmd = new Command("config",
            "Print the config `initbias run` would train with these options, and where each value comes from")
        {
            experiment, profile, config, gamma, seed, steps, batch, precision,
        };
        cmd.SetAction(p =>
        {
            try
            {
                foreach (var line in Describe(p.GetValue(experiment)!, p.GetValue(profile), p.GetValue(config),
                             p.GetValue(gamma), p.GetValue(seed), p.GetValue(steps), p.GetValue(batch),
                             p.GetValue(precision)))
                    Console.WriteLine(line);
                return 0;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"initbias config: {ex.Message}");
                return 2;
            }
        });
        return cmd;
    }

    /// <summary>The members `initbias run` would train with these options, and the trace of their resolution.
    /// </summary>
    public static (List<RunConfig> Members, ConfigTrace Trace) Resolve(string experiment, string? profileName,
        string? configFile, string? gammaText, string? seedText, int? steps, int? batch, string? precision)
    {
        ExperimentRegistry.Get(experiment);
        var profile = profileName ?? Profiles.Default;
        Profiles.Check(profile);
        var trace = new ConfigTrace();
        var members = ConfigResolver.Members(
            ConfigResolver.Resolve(experiment, profile, configFile, steps, batch, precision, trace),
            gammaText, seedText);
        trace.Set("experiment", "the command's argument");
        trace.Set("profile", profileName is not null ? "--profile"
            : Environment.GetEnvironmentVariable("INITBIAS_PROFILE") is { Length: > 0 } ? "INITBIAS_PROFILE"
            : $"the default profile ({Profiles.Ci})");
        if (gammaText is not null) trace.Set("gamma", "--gamma");
        if (seedText is not null) trace.Set("seed", "--seed");
        return (members, trace);
    }

    /// <summary>The lines `initbias config` prints: "path = value   (source)", then the claim grid's note.</summary>
    public static IReadOnlyList<string> Describe(string experiment, string? profileName, string? configFile,
        string? gammaText, string? seedText, int? steps, int? batch, string? precision)
    {
        var (members, trace) = Resolve(experiment, profileName, configFile, gammaText, seedText, steps, batch,
            precision);
        var first = trace.Lines(members[0]);
        // A grid's members differ only in γ, seed and the seeds derived from it: those lines list every member's.
        var values = members.Select(m => trace.Lines(m).Select(l => l.Value).ToList()).ToList();
        var lines = first.Select((l, i) => (l.Path, Value: string.Join(", ", values.Select(v => v[i]).Distinct()),
            l.Source)).ToList();
        int pathWidth = lines.Max(l => l.Path.Length);
        int valueWidth = Math.Min(24, lines.Max(l => l.Value.Length));
        var text = lines.Select(l => $"{l.Path.PadRight(pathWidth)} = {l.Value.PadRight(valueWidth)}   ({l.Source})")
            .ToList();
        var profile = members[0].Profile;
        string seeds = string.Join(", ", Profiles.ClaimSeeds(profile));
        foreach (var grid in ClaimGrids.All.Where(g => g.Experiment == experiment))
            text.Add($"# {grid}: `initbias claim` trains the config resolved without --config, --steps and " +
                     $"--batch (--precision: INITBIAS_PRECISION), at each γ of the grid and claim seed ({seeds})");
        return text;
    }
}
