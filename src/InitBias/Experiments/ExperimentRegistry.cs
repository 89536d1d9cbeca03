using InitBias.Models;
using InitBias.Tasks;

namespace InitBias.Experiments;

/// <summary>
/// Every experiment that can be run by name: how it builds data and model, and (for those derived from another) the
/// one change that defines it. Sizes per profile are data (ProfileFiles, profiles/*.json).
/// </summary>
public static class ExperimentRegistry
{
    public static readonly IReadOnlyDictionary<string, Experiment> All = new Dictionary<string, Experiment>
    {
        ["transformer"] = Synthetic("transformer",
            "2-layer, 1-head post-LN decoder on the composition task (spec §3.2, §4.3)", Transformer),
        ["transformer-no-ln"] = Synthetic("transformer-no-ln",
            "the transformer without its LayerNorms (C22, App. F)", Transformer,
            c => c with { Model = c.Model with { LayerNorm = false } }),
        ["transformer-low-lr"] = Synthetic("transformer-low-lr",
            "the transformer at a fifth of the profile's learning rates (C22, App. F: 1e-5..5e-4)", Transformer,
            c => c with { Train = c.Train with { BaseLr = c.Train.BaseLr / 5, MinLr = c.Train.MinLr / 5 } }),
        ["transformer-next-token"] = Synthetic("transformer-next-token",
            "the transformer trained with next-token loss on every position, evaluated on the label (C23)",
            Transformer, c => c with
            {
                Model = c.Model with { LogitsAtEveryPosition = true },
                Train = c.Train with { Objective = "next-token", EvaluateLastToken = true },
            }),
        ["emb-mlp"] = Synthetic("emb-mlp",
            "Embedding + MLP on the noise-free task, p = 1, L = q + 1 (spec §3.3, §4.2)", EmbMlp),
        ["emb-mlp-noisy"] = Synthetic("emb-mlp-noisy",
            "Emb-MLP on the transformer's task with noise tokens, L = 9 (spec C11): the model that cannot locate " +
            "the key", EmbMlp),
        ["gpt2-mix"] = new(
            "gpt2-mix",
            "GPT-2-style decoder, next-token prediction on a PrOntoQA + TinyStories mixture (spec §4.4, §8)",
            c => RealData.LmCorpus.Get(c.Corpus!).ToTaskData(c.Corpus!.EvalWindows, c.DataSeed),
            (m, e) => new Gpt2Decoder(m, e),
            WriteArtifacts: (c, dir) =>
                RealData.LmCorpus.Get(c.Corpus!).Vocabulary.Save(Path.Combine(dir, "vocab.json"))),
        ["label-groups"] = Synthetic("label-groups",
            "Emb-MLP, memory only, four label groups with ranges 30..49 up to 30..109 (spec §3.5, Fig. 8 right)",
            EmbMlp),
        ["label-groups-disjoint"] = Synthetic("label-groups-disjoint",
            "Emb-MLP, memory only, four disjoint anchor subsets {1,2} … {7,8} labelled from 30..49 up to 30..109 " +
            "(C18 v3)", EmbMlp),
        ["mem-uniform"] = Synthetic("mem-uniform",
            "Emb-MLP, memory only, labels U(Z): F_mem,1 (spec §3.5, Fig. 8 left)", EmbMlp),
        ["mem-local"] = Synthetic("mem-local",
            "Emb-MLP, memory only, labels U{z - Σa .. z + Σa}: F_mem,2 (spec §3.5, Fig. 8 left)", EmbMlp),
    };

    private static IEnsembleModel Transformer(ModelConfig m, int members) => new DecoderTransformer(m, members);
    private static IEnsembleModel EmbMlp(ModelConfig m, int members) => new EmbMlp(m, members);

    /// <summary>An experiment on the composition task (spec §3), with the model it trains.</summary>
    private static Experiment Synthetic(string name, string description, Func<ModelConfig, int, IEnsembleModel> model,
        Func<RunConfig, RunConfig>? change = null) =>
        new(name, description, c => CompositionTask.Generate(c.Task, c.DataSeed), model, change);

    public static Experiment Get(string name) =>
        All.TryGetValue(name, out var x) ? x
            : throw new ArgumentException($"unknown experiment '{name}' (known: {string.Join(", ", All.Keys)})");

    /// <summary>
    /// An experiment's config in a profile: the profile files' patches (ProfileFiles), the experiment's change, then
    /// Complete; <paramref name="adjust"/>, when given, is applied last (tests shrink configs with it).
    /// <paramref name="trace"/>, when given, records where each value came from (`initbias config`).
    /// </summary>
    public static RunConfig Resolve(string experiment, string profile, Func<RunConfig, RunConfig>? adjust = null,
        ConfigTrace? trace = null)
    {
        var x = Get(experiment);
        var patched = ProfileFiles.Patched(experiment, profile, from => Resolve(from, profile, trace: trace), trace);
        var changed = x.Change is null ? patched : x.Change(patched);
        trace?.Changed($"the registry's change for {experiment} (ExperimentRegistry)", patched, changed);
        var c = Complete(changed);
        trace?.Changed(CompleteSource, changed, c);
        if (adjust is null) return c;
        var adjusted = Complete(adjust(c));
        trace?.Changed("the caller's adjustment", c, adjusted);
        return adjusted;
    }

    /// <summary>What a trace names as the source of the values Complete fills in.</summary>
    public const string CompleteSource = "filled in from the corpus (ExperimentRegistry.Complete)";

    /// <summary>
    /// Fills the fields a config derives from others: for a real-data run, the model's vocabulary is the corpus's
    /// compact vocabulary and its positions the context length. Applied after every override (CLI, tests).
    /// </summary>
    public static RunConfig Complete(RunConfig c) => c.Corpus is null ? c : c with
    {
        Model = c.Model with
        {
            VocabSize = RealData.LmCorpus.Get(c.Corpus).Vocabulary.Count,
            MaxPositions = c.Corpus.ContextLength
        },
    };
}
