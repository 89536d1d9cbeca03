using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace InitBias.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class ParityTests(ITestOutputHelper output) : TempFolderTest
{
    // Tolerances per family: the largest relative loss difference over the run and the largest final-weight
    // difference (per tensor: max |Δ| / max |w|) between the C# run and the PyTorch reference, about 10x what
    // Measure_how_the_gap_grows and these tests measured at the tests' step counts (docs/parity.md, 2026-12-06).
    // Transformer at ci size, γ 0.8, 40 steps: losses ≤ 1.9e-7, weights ≤ 7.1e-5 (ffn1: a ReLU unit at the edge of
    // its kink takes the other side by rounding, and Adam turns that into a full-size update). Also the ensemble
    // member (1.9e-7, 1.4e-6).
    private static readonly ParityTolerance Transformer = new(Loss: 2e-6, Weight: 1e-3);
    // γ 0.3 at ci size: 2.4e-7 over this test's 40 steps, but a ReLU kink crossing (a pre-activation within
    // rounding of 0) makes one fp32 run leave float64 for good: the C# run at step 25 of the 200-step measurement
    // (1.2e-5, then 1.9e-4 by step 41), PyTorch's at step 57. The tolerance must cover one such event in the run.
    private static readonly ParityTolerance LargeInit = new(Loss: 2e-3, Weight: 0.05);
    // The paper's width at γ 0.3, 20 steps: rounding is amplified from step 3 on (7.9e-4 by step 20, weights 0.053);
    // the float64 reference is as far from either float32 run, so it is rounding, not a difference in the math.
    private static readonly ParityTolerance PaperWidthLargeInit = new(Loss: 8e-3, Weight: 0.5);
    // No LayerNorm, 40 steps: losses ≤ 2.7e-7, weights ≤ 5.1e-7.
    private static readonly ParityTolerance NoLayerNorm = new(Loss: 2e-6, Weight: 2e-5);
    // Next-token loss, 40 steps: losses ≤ 3.0e-7, weights ≤ 5.0e-4 (ffn1 again: every position's ReLU units).
    private static readonly ParityTolerance NextToken = new(Loss: 2e-6, Weight: 5e-3);
    // Emb-MLP, 40 steps: losses ≤ 1.8e-7, weights ≤ 1.9e-6 (tanh has no kink).
    private static readonly ParityTolerance EmbMlp = new(Loss: 2e-6, Weight: 2e-5);
    // GPT-2 decoder, 40 steps, measured with the erf GELU on both sides before the decoder took the spec's tanh form:
    // losses ≤ 2.2e-7, weights ≤ 2.2e-5 (key biases excluded: their exact gradient is zero, parity.py); through 200
    // steps ≤ 2.0e-7 (γ 0.8) and 2.4e-7 (γ 0.3); tanh on both sides passes the same tolerance. The other form is
    // 2.8e-6 and 1.5e-3 away after 200 steps (docs/parity.md, finding 1), and is rejected.
    private static readonly ParityTolerance Gpt2 = new(Loss: 2e-6, Weight: 3e-4);

    /// <summary>Exports, runs the reference with the breaks, and holds: the faithful reference agrees, and every
    /// listed break is rejected (so the comparison demonstrably can fail).</summary>
    private void Holds(ParityTolerance tol, IReadOnlyList<Experiments.RunConfig> members, int member,
        string[] breaks, params string[] options)
    {
        var variants = ParityHarness.Run(members, member, Dir, breaks, options);
        foreach (var v in variants.Values) output.WriteLine(v.ToString());
        var none = variants["none"];
        none.Agrees(tol).Should().BeTrue($"the reference repeats the C# run within {tol}: {none}; per step " +
                                         string.Join(" ", none.LossRelDiff.Select(d => d.ToString("G2"))));
        foreach (var b in breaks)
            variants[b].Agrees(tol).Should().BeFalse($"the broken reference '{b}' must be rejected: {variants[b]}");
    }

    private static Experiments.RunConfig Ci(string experiment, double gamma, long seed = 1,
        Func<Experiments.RunConfig, Experiments.RunConfig>? adjust = null) =>
        ParityHarness.Config(experiment, gamma, seed, Steps, adjust);

    /// <summary>40 steps: with warmupFraction 0.05 the warm-up is 2 whole steps, then 38 of cosine.</summary>
    private const int Steps = 40;

    [Fact]
    public void Transformer_ci_small_init() =>
        Holds(Transformer, [Ci("transformer", 0.8)],
            0, ["gamma", "init-fan", "ln-eps", "weight-decay", "adam-eps", "clip", "warmup", "cosine", "activation",
                "mask"]);

    [Fact]
    public void Transformer_ci_large_init() =>
        Holds(LargeInit, [Ci("transformer", 0.3)],
            0, ["gamma", "init-fan", "clip", "warmup", "cosine", "activation", "mask"]);

    /// <summary>d_model 400, d_ff 1,200, d_k 200 (the issue's suspect), 20 steps: 1 of warm-up, 19 of cosine.
    /// </summary>
    [Fact]
    public void Transformer_paper_width_large_init() =>
        Holds(PaperWidthLargeInit, [ParityHarness.Config("transformer", 0.3, 1, 20, PaperWidth)],
            0, ["gamma", "init-fan", "clip"]);

    [Fact]
    public void Transformer_without_layer_norm() =>
        Holds(NoLayerNorm, [Ci("transformer-no-ln", 0.8)], 0, ["gamma", "weight-decay", "adam-eps", "mask"]);

    [Fact]
    public void Transformer_next_token() =>
        Holds(NextToken, [Ci("transformer-next-token", 0.8)],
            0, ["gamma", "ln-eps", "weight-decay", "cosine", "mask"]);

    [Fact]
    public void Emb_mlp() =>
        Holds(EmbMlp, [Ci("emb-mlp", 0.8)],
            0, ["gamma", "weight-decay", "adam-eps", "warmup", "cosine", "activation"]);

    /// <summary>
    /// With the spec's GELU (HF GPT-2's gelu_new, the tanh form), which the decoder uses since the parity test found
    /// it used the erf form (docs/parity.md, finding 1). The "activation" break is the erf form, and it is rejected.
    /// </summary>
    [Fact]
    public void Gpt2_decoder_ci() =>
        Holds(Gpt2, [Ci("gpt2-mix", 0.8, adjust: Gpt2Documents)],
            0, ["gamma", "init-fan", "ln-eps", "weight-decay", "adam-eps", "clip", "warmup", "cosine", "activation"]);

    /// <summary>Member 2 of a 3-member ensemble whose other members have other γ and seeds.</summary>
    [Fact]
    public void Member_inside_an_ensemble() =>
        Holds(Transformer, [Ci("transformer", 0.3, 5), Ci("transformer", 0.5, 6), Ci("transformer", 0.8, 7)],
            2, ["gamma", "ln-eps", "warmup"]);

    /// <summary>
    /// The measurement behind the tolerances (docs/parity.md): how the largest relative loss difference grows with
    /// the step count. Runs only with INITBIAS_PARITY_MEASURE=1 (about two minutes of training).
    /// </summary>
    [Fact]
    public void Measure_how_the_gap_grows()
    {
        // "1": every run below; any other value: the runs whose name contains it.
        string? only = Environment.GetEnvironmentVariable("INITBIAS_PARITY_MEASURE");
        if (string.IsNullOrEmpty(only)) return;
        var runs = new (string Name, Func<RunConfigs> Members, int Member)[]
        {
            ("transformer ci γ 0.3", () => [ParityHarness.Config("transformer", 0.3, 1, 200)], 0),
            ("transformer ci γ 0.8", () => [ParityHarness.Config("transformer", 0.8, 1, 200)], 0),
            ("transformer-no-ln ci γ 0.8", () => [ParityHarness.Config("transformer-no-ln", 0.8, 1, 200)], 0),
            ("transformer-next-token ci γ 0.8",
                () => [ParityHarness.Config("transformer-next-token", 0.8, 1, 200)], 0),
            ("emb-mlp γ 0.8", () => [ParityHarness.Config("emb-mlp", 0.8, 1, 200)], 0),
            ("gpt2-mix ci γ 0.8", () => [ParityHarness.Config("gpt2-mix", 0.8, 1, 200, Gpt2Documents)], 0),
            ("transformer d 400 γ 0.3", () => [ParityHarness.Config("transformer", 0.3, 1, 60, PaperWidth)], 0),
            ("gpt2-mix ci γ 0.3", () => [ParityHarness.Config("gpt2-mix", 0.3, 1, 200, Gpt2Documents)], 0),
        };
        // Where the γ 0.3 ci run leaves float64 (docs/parity.md): the C# weights after steps 20-27, evaluated every
        // step until 28 (evaluations do not change the trajectory), traced against the reference's.
        // "trace400": the same for the paper's width over its first 8 steps.
        if (only is "trace" or "trace400")
        {
            bool wide = only == "trace400";
            string at = Path.Combine(Path.GetTempPath(), "initbias-parity-measure", $"{only}-transformer-γ-0.3");
            if (Directory.Exists(at)) Directory.Delete(at, true);
            var c = ParityHarness.Config("transformer", 0.3, 1, wide ? 60 : 200, c => (wide ? PaperWidth(c) : c) with
            {
                Train = c.Train with { DenseEvalEvery = 1, DenseEvalUntil = 28 },
            });
            ParityHarness.Run([c], 0, at, [], ["--float64"], Enumerable.Range(wide ? 0 : 20, 8).ToList());
            return;
        }
        foreach (var (name, members, member) in runs.Where(r => only == "1" || r.Name.Contains(only)))
        {
            // Kept under /tmp for a closer look (parity.json holds every step and tensor).
            string dir = Path.Combine(Path.GetTempPath(), "initbias-parity-measure", name.Replace(' ', '-'));
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            var v = ParityHarness.Run(members(), member, dir, [])["none"];
            var at = new[] { 1, 10, 50, 100, 200 }.Where(s => s <= v.LossRelDiff.Count)
                .Select(s => $"≤{s}: {v.LossRelDiff.Take(s).Max():G2}");
            output.WriteLine($"{name}: {string.Join(", ", at)}; final weights {v.MaxWeightRelDiff:G2}");
        }
    }

    private sealed class RunConfigs : List<Experiments.RunConfig>;

    /// <summary>gpt2-mix's ci model and batch on 20 documents per corpus (loading 200 costs seconds).</summary>
    private static Experiments.RunConfig Gpt2Documents(Experiments.RunConfig c) =>
        c with { Corpus = c.Corpus! with { Documents = 20 } };

    /// <summary>The paper's width (spec §4.3, §10 #1): d_model 400, d_ff 1,200, d_k 200.</summary>
    private static Experiments.RunConfig PaperWidth(Experiments.RunConfig c) =>
        c with { Model = c.Model with { DModel = 400, DFF = 1200, DK = 200 } };
}
