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

    /// <summary>The Emb-MLP on 40 keys, every (key, pair) four times, evaluated every 10 steps.</summary>
    public static RunConfig EmbMlp(int steps = 40) => EmbMlpAdjust(steps)(
        ExperimentRegistry.Get("emb-mlp").Defaults(Profiles.Ci));

    /// <summary>The same shrinking as a config adjustment (for claim grids).</summary>
    public static Func<RunConfig, RunConfig> EmbMlpAdjust(int steps) => c => c with
    {
        Task = c.Task with { KeyMax = 40, SamplesPerCombination = 4, EvalSamplesPerGroup = 50 },
        Train = c.Train with { Steps = steps, EvalEvery = 10 },
    };

    /// <summary>gpt2-mix on a few documents per corpus (small enough for an epoch to end mid-run).</summary>
    public static RunConfig Gpt2Mix(int steps, int documents = 8)
    {
        var c = ExperimentRegistry.Get("gpt2-mix").Defaults(Profiles.Ci);
        return ExperimentRegistry.Complete(c with
        {
            Corpus = c.Corpus! with { Documents = documents, ContextLength = 16, EvalWindows = 16 },
            Model = c.Model with { DModel = 16, DFF = 32, Heads = 2 },
            Train = c.Train with { Steps = steps, EvalEvery = 10 },
        });
    }

    /// <summary>Every claim's grids at toy size: 20 steps, widths of 16, a few samples per pair.</summary>
    public static RunConfig Claims(RunConfig c) => c with
    {
        Task = c.Task with
        {
            KeyMax = c.Experiment == "transformer" ? 30 : 40,
            SamplesPerCombination = 4,
            EvalSamplesPerGroup = 100,
        },
        Model = c.Model with { DModel = 16, DFF = 16, DK = 8 },
        // A profile that evaluates densely early keeps doing so (steps 0 and 5), so the reading points meet them.
        Train = c.Train with
        {
            Steps = 20,
            EvalEvery = 10,
            DenseEvalEvery = c.Train.DenseEvalEvery > 0 ? 5 : 0,
            DenseEvalUntil = c.Train.DenseEvalEvery > 0 ? 10 : 0,
        },
        Corpus = c.Corpus is null ? null : c.Corpus with { Documents = 40, ContextLength = 16, EvalWindows = 8 },
    };
}
