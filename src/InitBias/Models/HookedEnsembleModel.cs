using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// What every ensemble model shares around its forward pass: forward runs it without a cache, RunWithCache (the one
/// implementation) with one and without gradient; the hook names are the models' declared HookPoints in forward
/// order; weights are found by name in the model's table. A model supplies Run, its HookPoints, its WeightTable and
/// its InitPlan. This base holds no module or tensor fields, so the subclasses' parameters keep their names and order.
/// </summary>
public abstract class HookedEnsembleModel : nn.Module<Tensor, Tensor>, IEnsembleModel
{
    private IReadOnlyList<string>? _hookNames;

    protected HookedEnsembleModel(string name, int members) : base(name) => Members = members;

    public int Members { get; }
    public nn.Module Module => this;

    /// <summary>Every hook point the forward pass reaches, in its order (shapes: each model's summary).</summary>
    protected abstract IEnumerable<HookPoint> HookPoints { get; }

    public IReadOnlyList<string> HookNames => _hookNames ??= HookPoints.Select(h => h.Name).ToList();

    /// <summary>The weights by TransformerLens's names (W_E, blocks.0.attn.W_V, …) with their getters.</summary>
    protected abstract IReadOnlyList<(string Name, Func<Tensor> Get)> WeightTable { get; }

    public IReadOnlyList<string> WeightNames => WeightTable.Select(w => w.Name).ToList();
    public Tensor Weight(string name) => NamedWeights.Find(WeightTable, name);

    public abstract IReadOnlyList<PlannedParam> InitPlan();

    public Tensor Forward(Tensor ids) => forward(ids);

    public sealed override Tensor forward(Tensor ids) => Run(ids, null);

    public ActivationCache RunWithCache(Tensor ids, IEnumerable<string> hooks)
    {
        var cache = new ActivationCache(hooks, HookNames);
        using var _ = no_grad();
        using var logits = Run(ids, cache);
        return cache;
    }

    /// <summary>The forward pass, ids [E, B, T] → logits, keeping the activations the cache wants.</summary>
    protected abstract Tensor Run(Tensor ids, ActivationCache? cache);
}
