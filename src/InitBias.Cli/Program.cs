using System.CommandLine;
using InitBias.Experiments;

namespace InitBias.Cli;

/// <summary>The `initbias` command. Run is public so tests drive the real parser and exit codes.</summary>
public static class CliApp
{
    /// <summary>
    /// The process entry point: first the native libraries' start-up variables (a re-exec), then the command.
    /// </summary>
    public static int Main(string[] args)
    {
        NativeEnvironment.ReexecIfNeeded();
        return Run(args);
    }

    /// <summary>The command itself; tests call this in their own process (never Main, which may re-exec).</summary>
    public static int Run(string[] args)
    {
        var list = new Command("list", "List the experiments");
        list.SetAction(_ =>
        {
            int width = ExperimentRegistry.All.Keys.Max(k => k.Length);
            foreach (var e in ExperimentRegistry.All.Values)
                Console.WriteLine($"{e.Name.PadRight(width)}  {e.Description}");
            return 0;
        });
        var root = new RootCommand(
            "initbias: reproduce 'An Analysis for Reasoning Bias of Language Models with Small Initialization'")
        {
            RunCommand.Build(),
            ConfigCommand.Build(),
            BenchCommand.Build(),
            ClaimCommand.Build(),
            ReportCommand.Build(),
            InspectCommand.Build(),
            TheoryCommand.Build(),
            ParityExportCommand.Build(),
            list,
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"initbias: {parsed.Errors[0].Message}");
            return 2;
        }
        return parsed.Invoke();
    }
}
