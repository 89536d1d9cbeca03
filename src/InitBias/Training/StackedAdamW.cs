using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InitBias.Training;

/// <summary>
/// AdamW (torch's update rule) over stacked parameters, with the gradient-norm clip computed per member, never over the
/// stack. Every other operation is elementwise, so each member is optimised exactly as if it were trained alone.
/// Parameters, grads and both moments live in flat buffers (FlatParameters): weight decay and the update are one op
/// each on the whole buffer instead of one per parameter. Elementwise results do not depend on a tensor's extent, so
/// the numbers are those of the per-parameter loop (FlatAdamWTests compares the two bit for bit). The norm keeps that
/// loop's summation order: a sum per parameter and member, accumulated in parameter order.
/// </summary>
public sealed class StackedAdamW : IDisposable
{
    private readonly FlatParameters _flat;
    private readonly Tensor _m, _v;
    private readonly Tensor _oneMinusBeta1;
    private readonly TrainConfig _c;
    private readonly int _members;
    private int _t;

    public StackedAdamW(IEnumerable<Parameter> parameters, int members, TrainConfig config)
    {
        _flat = new FlatParameters(parameters);
        _members = members;
        _c = config;
        _m = zeros_like(_flat.Values).DetachFromDisposeScope();
        _v = zeros_like(_flat.Values).DetachFromDisposeScope();
        _oneMinusBeta1 = tensor(1 - config.Beta1, dtype: _m.dtype, device: _m.device).DetachFromDisposeScope();
    }

    /// <summary>The flat buffers (for tests).</summary>
    internal FlatParameters Flat => _flat;

    /// <summary>Per-member gradient norms before clipping, as [E].</summary>
    public Tensor ClipGradients()
    {
        using var _ = no_grad();
        _flat.CheckGrads();
        Tensor? sq = null;
        using (var squares = _flat.Grads.pow(2))
            for (int i = 0; i < _flat.Count; i++)
            {
                using var rows = _flat.MemberRows(squares, i, _members);
                using var g2 = rows.sum(1);
                if (sq is null) sq = g2.clone(); else sq.add_(g2);
            }
        var norm = sq!.sqrt_();
        if (_c.ClipNorm > 0)
        {
            using var coef = (_c.ClipNorm / (norm + 1e-6)).clamp_max_(1.0);
            // x·1 = x exactly, so when no member clips the pass over the grads can be skipped (NaN is not 1).
            using var allOne = coef.eq(1.0).all();
            if (!allOne.item<bool>())
            {
                using var column = coef.unsqueeze(1);
                for (int i = 0; i < _flat.Count; i++)
                {
                    using var rows = _flat.MemberRows(_flat.Grads, i, _members);
                    Release(rows, rows.mul_(column));
                }
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
        _flat.CheckGrads();
        _t++;
        double bc1 = 1 - Math.Pow(_c.Beta1, _t), bc2Sqrt = Math.Sqrt(1 - Math.Pow(_c.Beta2, _t));
        double stepSize = lr * bc2Sqrt / bc1, eps = _c.Eps * bc2Sqrt;
        Tensor p = _flat.Values, g = _flat.Grads;
        Release(p, p.mul_(1 - lr * _c.WeightDecay));
        Release(_m, _m.lerp_(g, _oneMinusBeta1));
        Release(_v, _v.mul_(_c.Beta2).addcmul_(g, g, value: 1 - _c.Beta2));
        using var denom = _v.sqrt().add_(eps);
        Release(p, p.addcdiv_(_m, denom, value: -stepSize));
    }

    /// <summary>The step count and CPU copies of both moments, one per parameter in its shape (a checkpoint).</summary>
    public (int Step, Tensor[] M, Tensor[] V) Capture() => (_t, PerParameter(_m), PerParameter(_v));

    private Tensor[] PerParameter(Tensor buffer) => Enumerable.Range(0, _flat.Count).Select(i =>
    {
        using var view = _flat.View(buffer, i);
        return view.detach().cpu().clone().DetachFromDisposeScope();
    }).ToArray();

    /// <summary>Continues from a checkpoint's step count and moments (copied bit for bit).</summary>
    public void Restore(int step, IReadOnlyList<Tensor> m, IReadOnlyList<Tensor> v)
    {
        if (m.Count != _flat.Count || v.Count != _flat.Count)
            throw new ArgumentException("the checkpoint's optimiser state does not match the model's parameters");
        using var _ = no_grad();
        for (int i = 0; i < _flat.Count; i++)
        {
            using var mi = _flat.View(_m, i);
            using var vi = _flat.View(_v, i);
            if (!mi.shape.SequenceEqual(m[i].shape) || !vi.shape.SequenceEqual(v[i].shape))
                throw new ArgumentException("the checkpoint's optimiser moments have other shapes than the model's");
            Release(mi, mi.copy_(m[i]));
            Release(vi, vi.copy_(v[i]));
        }
        _t = step;
    }

    public void ZeroGrad() => Release(_flat.Grads, _flat.Grads.zero_());

    /// <summary>
    /// Some in-place ops (zero_ among them) return a new handle to the same tensor. An undisposed extra handle on a
    /// grad makes autograd allocate a fresh grad on the next backward instead of accumulating in place.
    /// </summary>
    internal static void Release(Tensor original, Tensor returned)
    {
        if (!ReferenceEquals(original, returned)) returned.Dispose();
    }

    /// <summary>The parameters stay views of the flat buffer (it lives as long as they do); only handles go.</summary>
    public void Dispose()
    {
        _m.Dispose();
        _v.Dispose();
        _oneMinusBeta1.Dispose();
        _flat.Dispose();
    }
}
