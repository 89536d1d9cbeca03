using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// E independent models stacked along a leading member dimension. Forward maps input ids [E, B, L] to logits: of the
/// last position, [E, B, vocab], for the synthetic-task models (last-token loss), or of every position,
/// [E, B, L, vocab], for the GPT-2-style decoder (next-token loss). The trainer sees only this.
/// </summary>
public interface IEnsembleModel
{
    int Members { get; }
    Tensor Forward(Tensor ids);
    /// <summary>Every parameter with its init; a test checks it covers named_parameters exactly.</summary>
    IReadOnlyList<PlannedParam> InitPlan();
    nn.Module Module { get; }
}
