using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Probes.Recording;
using InitBias.Theory;

namespace InitBias.Cli;

/// <summary>
/// `initbias theory`: the no-training scale probes. first-step (P1): the cosines of the memory and reasoning anchors'
/// first full-batch gradients at initialisation, per seed. token-sets (P2): Prop. 1's prediction for C3's token sets
/// from the gpt2-mix corpus. Configs resolve as for `initbias run` (profile, then --config).
/// </summary>
public static class TheoryCommand
{
    public static Command Build()
    {
        var profile = new Option<string?>("--profile") { Description = "ci (default), full or paper" };
        var config = new Option<string?>("--config") { Description = "JSON patch of the experiment's config" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var experiment = new Option<string>("--experiment")
        {
            Description = "the synthetic experiment (default transformer)",
            DefaultValueFactory = _ => "transformer"
        };
        var seeds = new Option<string>("--seeds")
        {
            Description = "seeds, e.g. 201-208 (exploratory probes use 201 and up)",
            DefaultValueFactory = _ => "201"
        };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or auto" };
        var firstStep = new Command("first-step",
            "P1: mean pairwise cosine of the memory and of the reasoning anchors' first gradients at initialisation")
        {
            profile, config, json, experiment, seeds, device
        };
        firstStep.SetAction(p => Run(() =>
        {
            var c = Resolve(p.GetValue(experiment)!, p.GetValue(profile), p.GetValue(config));
            TorchRuntime.Prepare();
            var dev = TorchRuntime.ResolveDevice(p.GetValue(device));
            var results = GridSpec.Seeds(p.GetValue(seeds)!)
                .Select(s => FirstStepAlignment.Measure(c with { Seed = s }, dev)).ToList();
            var o = new JsonObject
            {
                ["experiment"] = c.Experiment,
                ["profile"] = c.Profile,
                ["d_model"] = c.Model.DModel,
                ["keys"] = c.Task.NumKeys,
                ["samples_per_pair"] = c.Task.SamplesPerCombination,
                ["gamma"] = c.Gamma,
                ["memory_cos"] = Values(results.Select(r => (r.Seed, r.MemoryCos))),
                ["reasoning_cos"] = Values(results.Select(r => (r.Seed, r.ReasoningCos))),
                ["memory_cos_mean"] = results.Average(r => r.MemoryCos),
                ["reasoning_cos_mean"] = results.Average(r => r.ReasoningCos),
            };
            return (o, $"{c.Experiment} ({c.Profile}) d_model {c.Model.DModel}, {c.Task.NumKeys} keys, " +
                       $"{c.Task.SamplesPerCombination} samples per pair, γ {c.Gamma}: first-step gradient cosine, " +
                       $"memory anchors {F(results.Average(r => r.MemoryCos))}, reasoning anchors " +
                       $"{F(results.Average(r => r.ReasoningCos))} (mean of {results.Count} seeds)");
        }, p.GetValue(json)));
        var tokenSets = new Command("token-sets",
            "P2: mean pairwise cosine of P̃_s (next-token distribution − uniform) over C3's token sets")
        {
            profile, config, json
        };
        tokenSets.SetAction(p => Run(() =>
        {
            var c = Resolve("gpt2-mix", p.GetValue(profile), p.GetValue(config));
            var r = CorpusLabelDistributions.Measure(RealData.LmCorpus.Get(c.Corpus!));
            var o = new JsonObject
            {
                ["profile"] = c.Profile,
                ["documents"] = c.Corpus!.Documents,
                ["tokens_pq"] = r.TokensPq,
                ["tokens_ts"] = r.TokensTs,
                ["cos_pq"] = r.CosPq,
                ["cos_ts"] = r.CosTs,
                ["cos_top30_pq"] = r.CosTopPq,
                ["cos_top30_ts"] = r.CosTopTs,
                ["cos_attention_averaged_pq"] = r.CosAveragedPq,
                ["cos_attention_averaged_ts"] = r.CosAveragedTs,
            };
            return (o, $"Prop. 1 from the corpus ({c.Corpus.Documents} documents per corpus): mean pairwise cos(P̃) " +
                       $"PrOntoQA-only {F(r.CosPq)} ({r.TokensPq} tokens), TinyStories-only {F(r.CosTs)} " +
                       $"({r.TokensTs}); 30 most frequent of each: {F(r.CosTopPq)} and {F(r.CosTopTs)}; with " +
                       $"averaging attention (Prop. 2): {F(r.CosAveragedPq)} and {F(r.CosAveragedTs)}");
        }, p.GetValue(json)));
        return new Command("theory", "No-training scale probes: first-step gradients (P1), label distributions (P2)")
        {
            firstStep, tokenSets
        };
    }

    private static RunConfig Resolve(string experiment, string? profile, string? config)
    {
        var p = profile ?? Profiles.Default;
        Profiles.Check(p);
        return ConfigResolver.Resolve(experiment, p, config, null, null);
    }

    private static int Run(Func<(JsonObject Json, string Line)> probe, bool json)
    {
        try
        {
            var (o, line) = probe();
            Console.WriteLine(json ? o.ToJsonString(Json.Options) : line);
            return 0;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"initbias theory: {ex.Message}");
            return 2;
        }
    }

    private static JsonObject Values(IEnumerable<(long Seed, double Value)> values) =>
        new(values.Select(v => KeyValuePair.Create($"s{v.Seed}", (JsonNode?)v.Value)));

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
}
