using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// What one forward pass recorded at the hook points a probe asked for, by name ("hook_embed",
/// "blocks.0.attn.hook_pattern", …: TransformerLens's names, listed by each model's HookNames). The cache owns its
/// tensors; a name nobody asked for is not kept. Models call Keep at each declared HookPoint; probes read by name.
/// </summary>
public sealed class ActivationCache : IDisposable
{
    private readonly HashSet<string> _wanted;
    private readonly Dictionary<string, Tensor> _kept = new();

    public ActivationCache(IEnumerable<string> wanted, IReadOnlyCollection<string> known)
    {
        _wanted = wanted.ToHashSet();
        if (_wanted.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
            throw new ArgumentException($"unknown hook point '{unknown}' (known: {string.Join(", ", known)})");
    }

    public bool Wants(HookPoint point) => _wanted.Contains(point.Name);

    /// <summary>Keeps a new handle to <paramref name="value"/> when asked for; the caller still owns its own.</summary>
    public void Keep(HookPoint point, Tensor value)
    {
        if (_wanted.Contains(point.Name)) _kept[point.Name] = value.alias().DetachFromDisposeScope();
    }

    public Tensor this[string name] => _kept.TryGetValue(name, out var t) ? t
        : throw new KeyNotFoundException($"hook point '{name}' was not asked for or not reached");

    public Tensor this[HookPoint point] => this[point.Name];

    public void Dispose()
    {
        foreach (var t in _kept.Values) t.Dispose();
        _kept.Clear();
    }
}
