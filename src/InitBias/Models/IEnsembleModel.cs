using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// E independent models stacked along a leading member dimension. forward maps input ids [E, B, L] to the logits of
/// the last position [E, B, vocab]. The trainer sees only this.
/// </summary>
public interface IEnsembleModel
{
    int Members { get; }
    Tensor Forward(Tensor ids);
    /// <summary>Every parameter with its init; a test checks it covers named_parameters exactly.</summary>
    IReadOnlyList<PlannedParam> InitPlan();
    nn.Module Module { get; }
}
