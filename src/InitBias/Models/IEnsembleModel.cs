using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// E independent models stacked along a leading member dimension. Forward maps input ids [E, B, L] to logits: of the
/// last position, [E, B, vocab], for the synthetic-task models (last-token loss), or of every position,
/// [E, B, L, vocab], for the GPT-2-style decoder (next-token loss). The trainer sees only Forward and the parameters;
/// probes see only named points: weights by name (Weight) and activations by hook name (RunWithCache), in
/// TransformerLens's naming (W_E, blocks.0.attn.W_V, blocks.1.hook_attn_out, …).
/// </summary>
public interface IEnsembleModel
{
    int Members { get; }
    Tensor Forward(Tensor ids);
    /// <summary>Every parameter with its init; a test checks it covers named_parameters exactly.</summary>
    IReadOnlyList<PlannedParam> InitPlan();
    nn.Module Module { get; }

    /// <summary>The names Weight answers to ("W_E": the token embedding [E, V, D], …).</summary>
    IReadOnlyList<string> WeightNames { get; }

    /// <summary>A weight by name, [E, …] (the parameter itself: read it under no_grad).</summary>
    Tensor Weight(string name);

    /// <summary>The hook points RunWithCache can record, in forward order (shapes: each model's summary).</summary>
    IReadOnlyList<string> HookNames { get; }

    /// <summary>One forward pass without gradient that keeps the activations at the named hook points.</summary>
    ActivationCache RunWithCache(Tensor ids, IEnumerable<string> hooks);
}

/// <summary>Looks a name up in a model's table of named weights, or says which names there are.</summary>
public static class NamedWeights
{
    public static Tensor Find(IReadOnlyList<(string Name, Func<Tensor> Get)> table, string name) =>
        table.FirstOrDefault(w => w.Name == name).Get?.Invoke()
        ?? throw new ArgumentException(
            $"unknown weight '{name}' (known: {string.Join(", ", table.Select(w => w.Name))})");
}
