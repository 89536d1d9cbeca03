using InitBias.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InitBias.Tests.Unit;

/// <summary>
/// StackedAdamW as it was before the flat buffers (main d4d3471, verbatim but for the name): the reference the flat
/// optimiser must match bit for bit (FlatAdamWTests), and the baseline of its micro-benchmark.
/// AdamW (torch's update rule) over stacked parameters, with the gradient-norm clip computed per member, never over the
/// stack. Every other operation is elementwise, so each member is optimised exactly as if it were trained alone.
/// Each p.grad access makes a new handle; it is disposed at once, because a grad with a live extra handle makes
/// autograd allocate a fresh grad every step instead of accumulating in place (RSS grew ~1 MB/step until a GC).
/// </summary>
internal sealed class PerParameterAdamW : IDisposable
{
    private readonly Parameter[] _params;
    private readonly Tensor[] _m, _v;
    private readonly Tensor _oneMinusBeta1;
    private readonly TrainConfig _c;
    private readonly int _members;
    private int _t;

    public PerParameterAdamW(IEnumerable<Parameter> parameters, int members, TrainConfig config)
    {
        _params = parameters.ToArray();
        _members = members;
        _c = config;
        _m = _params.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _v = _params.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _oneMinusBeta1 = tensor(1 - config.Beta1, dtype: _params[0].dtype, device: _params[0].device)
            .DetachFromDisposeScope();
    }

    /// <summary>Per-member gradient norms before clipping, as [E].</summary>
    public Tensor ClipGradients()
    {
        using var _ = no_grad();
        Tensor? sq = null;
        foreach (var p in _params)
        {
            using var grad = p.grad!;
            using var g2 = grad.pow(2).reshape(_members, -1).sum(1);
            if (sq is null) sq = g2.clone(); else sq.add_(g2);
        }
        var norm = sq!.sqrt_();
        if (_c.ClipNorm > 0)
        {
            using var coef = (_c.ClipNorm / (norm + 1e-6)).clamp_max_(1.0);
            foreach (var p in _params)
            {
                using var view = coef.reshape([_members, .. Enumerable.Repeat(1L, (int)p.dim() - 1)]);
                using var grad = p.grad!;
                grad.mul_(view);
            }
        }
        return norm;
    }

    /// <summary>
    /// torch's AdamW in 7 passes instead of 9: m.lerp_ for the first moment, and the bias corrections folded into
    /// one step size and a scaled epsilon
    /// (lr·√bc2/bc1 · m / (√v + eps·√bc2) = lr/bc1 · m / (√v/√bc2 + eps)).
    /// </summary>
    public void Step(double lr)
    {
        using var _ = no_grad();
        _t++;
        double bc1 = 1 - Math.Pow(_c.Beta1, _t), bc2Sqrt = Math.Sqrt(1 - Math.Pow(_c.Beta2, _t));
        double stepSize = lr * bc2Sqrt / bc1, eps = _c.Eps * bc2Sqrt;
        for (int i = 0; i < _params.Length; i++)
        {
            var p = _params[i];
            using var g = p.grad!;
            p.mul_(1 - lr * _c.WeightDecay);
            _m[i].lerp_(g, _oneMinusBeta1);
            _v[i].mul_(_c.Beta2).addcmul_(g, g, value: 1 - _c.Beta2);
            using var denom = _v[i].sqrt().add_(eps);
            p.addcdiv_(_m[i], denom, value: -stepSize);
        }
    }

    /// <summary>The step count and CPU copies of both moments (a checkpoint).</summary>
    public (int Step, Tensor[] M, Tensor[] V) Capture() =>
        (_t, _m.Select(t => t.detach().cpu().clone().DetachFromDisposeScope()).ToArray(),
            _v.Select(t => t.detach().cpu().clone().DetachFromDisposeScope()).ToArray());

    /// <summary>Continues from a checkpoint's step count and moments (copied bit for bit).</summary>
    public void Restore(int step, IReadOnlyList<Tensor> m, IReadOnlyList<Tensor> v)
    {
        if (m.Count != _m.Length || v.Count != _v.Length)
            throw new ArgumentException("the checkpoint's optimiser state does not match the model's parameters");
        using var _ = no_grad();
        for (int i = 0; i < _m.Length; i++)
        {
            if (!_m[i].shape.SequenceEqual(m[i].shape) || !_v[i].shape.SequenceEqual(v[i].shape))
                throw new ArgumentException("the checkpoint's optimiser moments have other shapes than the model's");
            Release(_m[i], _m[i].copy_(m[i]));
            Release(_v[i], _v[i].copy_(v[i]));
        }
        _t = step;
    }

    public void ZeroGrad()
    {
        foreach (var p in _params)
        {
            using var g = p.grad;
            if (g is not null) Release(g, g.zero_());
        }
    }

    /// <summary>
    /// Some in-place ops (zero_ among them) return a new handle to the same tensor. An undisposed extra handle on a
    /// grad makes autograd allocate a fresh grad on the next backward instead of accumulating in place.
    /// </summary>
    internal static void Release(Tensor original, Tensor returned)
    {
        if (!ReferenceEquals(original, returned)) returned.Dispose();
    }

    public void Dispose()
    {
        foreach (var t in _m.Concat(_v)) t.Dispose();
        _oneMinusBeta1.Dispose();
    }
}
