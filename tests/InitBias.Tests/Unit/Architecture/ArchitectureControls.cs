using InitBias.Tests.Unit.Architecture;

// Types that break the architecture rules on purpose, one per rule and layer, in the namespaces the rules guard. The
// rules skip them ([ArchitectureControl]); ArchitectureTests' control tests check that each rule reports its own.

namespace InitBias.Claims
{
    /// <summary>A claim that builds a model (a Models type other than ModelConfig).</summary>
    [ArchitectureControl]
    internal static class ControlClaimBuildsAModel
    {
        public static object Build(Models.ModelConfig config) => new Models.EmbMlp(config, 1);
    }
}

namespace InitBias.Reading
{
    /// <summary>A reader that generates a task's data again.</summary>
    [ArchitectureControl]
    internal static class ControlReaderGeneratesData
    {
        public static object Generate(Experiments.RunConfig c) => Tasks.CompositionTask.Generate(c.Task, c.DataSeed);
    }
}

namespace InitBias.Figures
{
    /// <summary>A figure that asks the experiment registry for an experiment (how to build its model and data).
    /// </summary>
    [ArchitectureControl]
    internal static class ControlFigureAsksTheRegistry
    {
        public static object Get() => Experiments.ExperimentRegistry.Get("emb-mlp");
    }

    /// <summary>A figure that builds an optimiser (torch.optim).</summary>
    [ArchitectureControl]
    internal static class ControlFigureBuildsAnOptimiser
    {
        public static object Build(IEnumerable<TorchSharp.Modules.Parameter> parameters) =>
            TorchSharp.torch.optim.SGD(parameters, 0.1);
    }
}

namespace InitBias.Theory
{
    /// <summary>Theory, which claims may use, building a model.</summary>
    [ArchitectureControl]
    internal static class ControlTheoryBuildsAModel
    {
        public static object Build(Models.ModelConfig config) => new Models.EmbMlp(config, 1);
    }
}

namespace InitBias.Stats
{
    /// <summary>A low floor (Stats) that reaches up to the pipeline.</summary>
    [ArchitectureControl]
    internal static class ControlLowFloorReachesUp
    {
        public static object Context() => Pipeline.ClaimContext.FromEnvironment();
    }
}

namespace InitBias.Tests.Unit.Architecture
{
    /// <summary>A type other than RandomStream that holds a torch generator.</summary>
    [ArchitectureControl]
    internal sealed class ControlHoldsAGenerator
    {
        public TorchSharp.torch.Generator Generator { get; } = new(1);
    }
}
