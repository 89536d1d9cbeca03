using InitBias.Experiments;

namespace InitBias.Tests.Integration;

/// <summary>Seconds-sized configs for integration tests: the real code paths at toy sizes.</summary>
internal static class TinyConfigs
{
    public static RunConfig Transformer(int steps = 60, double gamma = 0.8, long seed = 1)
    {
        var c = ExperimentRegistry.Get("transformer").Defaults(Profiles.Ci);
        return c with
        {
            Gamma = gamma,
            Seed = seed,
            Task = c.Task with { SamplesPerCombination = 10, EvalSamplesPerGroup = 200 },
            Model = c.Model with { DModel = 32, DFF = 64, DK = 16 },
            Train = c.Train with { Steps = steps, BatchSize = 50, EvalEvery = 20 },
        };
    }
}
