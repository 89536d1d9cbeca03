namespace InitBias.Tests.Unit.Architecture;

/// <summary>
/// The allow-lists of the layers that only read (issue 32): Claims, Reading and Figures read run folders and judge;
/// whatever they read, the run recorded. Each may depend on the namespaces and types listed here and on nothing
/// else. A type of another namespace is listed only when it is data: the configs as config.json holds them, an
/// evaluation group's name, the profiles' names.
/// </summary>
internal static class ReadOnlyLayers
{
    public const string Why = "Claims, Reading and Figures read what the run recorded (issue 32)";

    public static readonly IReadOnlyList<string> Namespaces =
        ["InitBias.Claims", "InitBias.Reading", "InitBias.Figures"];

    /// <summary>What every read-only layer may use: the BCL, the pure floors and the readers, and some data types.
    /// </summary>
    private static readonly string[] Shared =
    [
        @"System(\..+)?\.[^.]+", // the BCL
        @"<PrivateImplementationDetails>.*", // the compiler's tables for constant arrays
        @"InitBias\.(Analysis|Stats|Grids|Theory|Reading)\.[^.]+", // pure computation, declarations, readers
        @"InitBias\.Probes\.[^.]+", // what probe.jsonl holds (not Probes.Recording, which computes it)
        @"InitBias\.(Json|Rng|Phase|PhaseSeconds)", // JSON options; eq. 14's seeded generator (no torch); phase times
        @"InitBias\.Experiments\.(RunConfig|Profiles)",
        // The task's config and its token blocks (which tokens are anchors, keys, inputs), an evaluation group's name.
        @"InitBias\.Tasks\.(CompositionTaskConfig|TokenBlock|TaskBlocks|EvalGroup|EvalGroups)",
        @"InitBias\.Models\.ModelConfig", // the sizes in config.json, not a model
        @"InitBias\.RealData\.CorpusConfig",
    ];

    private static readonly Dictionary<string, string[]> Own = new()
    {
        ["InitBias.Claims"] = [@"InitBias\.Claims\.[^.]+"],
        ["InitBias.Reading"] = [@"InitBias\.Runs\.RunFolder"], // opens run folders to read them
        ["InitBias.Figures"] = [@"InitBias\.Figures\.[^.]+", @"ScottPlot(\..+)?\.[^.]+", @"SkiaSharp(\..+)?\.[^.]+"],
    };

    /// <summary>A full-name pattern of everything a layer may depend on (nested types with their outer type).
    /// </summary>
    public static string Allowed(string layer) =>
        "^(" + string.Join("|", Shared.Concat(Own[layer])) + @")([+/].+)?$";

    /// <summary>
    /// What nothing read-only may reference, named once more as the issue names it: a model (any Models type but
    /// ModelConfig), the task generator and its data, torch.optim (and the project's optimiser), the experiment
    /// registry that builds models and data, and training.
    /// </summary>
    public static readonly string Forbidden = Pattern([.. Builders, @"InitBias\.Tasks\.TaskData"]);

    /// <summary>Theory, on every allow-list, builds nothing either; it may compute from data it is handed (P_s from
    /// a run's samples, at record time).</summary>
    public static readonly string ForbiddenInTheory = Pattern(Builders);

    private static string[] Builders =>
    [
        @"InitBias\.Models\.(?!ModelConfig$)[^.]+",
        @"InitBias\.Tasks\.CompositionTask",
        @"TorchSharp\.torch[+/]optim([+/].+)?", @"TorchSharp\.Modules\.\w*(Optimizer|SGD|Adam\w*|RMSProp|LBFGS)\w*",
        @"InitBias\.Training\.[^.]+",
        @"InitBias\.Experiments\.(ExperimentRegistry|Experiment|ExperimentRunner)",
    ];

    private static string Pattern(IEnumerable<string> names) => "^(" + string.Join("|", names) + @")([+/].+)?$";
}
