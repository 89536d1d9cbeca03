using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Snapshots;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Golden;

/// <summary>
/// Pins the numbers in seconds: tiny transformer, Emb-MLP and gpt2-mix runs (every evaluation of metrics.jsonl) and
/// the first values of every initial parameter, through the snapshot verifier
/// (GoldenRunTests.Tiny_runs_reproduce_their_numbers.verified.json beside this file). Reordering the init plan, a
/// changed default or a changed kernel fails here, with the field that moved, long before the claim suite would.
/// </summary>
[Trait("Category", "Integration")]
public class GoldenRunTests
{
    /// <summary>Initial values kept per parameter: enough to see a moved or rescaled draw.</summary>
    private const int ValuesPerParameter = 4;

    /// <summary>
    /// A few dozen steps of float arithmetic on one machine kind reproduce bitwise; 1e-5 relative leaves room for
    /// another kernel path and none for a changed model.
    /// </summary>
    private static readonly IReadOnlyList<SnapshotTolerance> Tolerance = [new("*", 1e-9, 1e-5)];

    private static RunConfig Shrunk(string experiment, int steps, int evalEvery)
    {
        var c = ExperimentRegistry.Get(experiment).Defaults(Profiles.Ci);
        return ExperimentRegistry.Complete(c with
        {
            Gamma = 0.5,
            Task = c.Task with { KeyMax = 30, SamplesPerCombination = 4, EvalSamplesPerGroup = 50 },
            Model = c.Model with { DModel = 16, DFF = 24, DK = 8 },
            Train = c.Train with { Steps = steps, EvalEvery = evalEvery, BatchSize = 20 },
            Corpus = c.Corpus is null ? null : c.Corpus with { Documents = 40, ContextLength = 16, EvalWindows = 8 },
        });
    }

    private static JsonObject Run(RunConfig config)
    {
        var init = new JsonObject();
        var runner = new ExperimentRunner
        {
            Device = torch.CPU,
            OnEvaluated = (step, model) =>
            {
                if (step != 0) return;
                foreach (var (name, p) in model.Module.named_parameters())
                {
                    using var flat = p.detach().reshape(-1).narrow(0, 0, Math.Min(ValuesPerParameter, p.numel()));
                    init[name] = new JsonArray(TensorReadout.Doubles(flat).Select(v => (JsonNode?)v).ToArray());
                }
            },
        };
        var metrics = runner.Run([config])[0].Metrics;
        var rows = new JsonArray(metrics.Select(r =>
            (JsonNode?)new JsonObject(r.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)))).ToArray());
        return new JsonObject { ["initial_parameters"] = init, ["metrics"] = rows };
    }

    [Fact]
    public void Tiny_runs_reproduce_their_numbers()
    {
        var doc = new JsonObject
        {
            ["transformer"] = Run(Shrunk("transformer", steps: 30, evalEvery: 10)),
            ["emb_mlp"] = Run(Shrunk("emb-mlp", steps: 30, evalEvery: 10)),
            ["gpt2_mix"] = Run(Shrunk("gpt2-mix", steps: 10, evalEvery: 5)),
        };
        SnapshotVerifier.Verify(doc, Path.GetDirectoryName(ThisFile())!,
            $"{nameof(GoldenRunTests)}.{nameof(Tiny_runs_reproduce_their_numbers)}", Tolerance);
    }

    private static string ThisFile([CallerFilePath] string file = "") => file;
}
