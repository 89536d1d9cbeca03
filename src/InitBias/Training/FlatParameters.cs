using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InitBias.Training;

/// <summary>
/// An ensemble's parameters and gradients as views into two contiguous buffers, so that elementwise optimiser work is
/// one op on the whole buffer. Layout: parameter-major, each stacked parameter [E, …] kept whole and contiguous
/// ([pad | p0 | pad | p1 | …]), so the forward, the backward and every per-parameter, per-member reduction see the
/// same shapes, strides and 64-byte alignment as a freshly allocated tensor (bitwise the same numbers). A member-major
/// layout would make each parameter strided and change the gradient norm's summation order.
/// The values are copied in, so the init is whatever the parameters held. Each gradient is set to its view once;
/// autograd then accumulates into it in place (as long as no extra handle on a grad stays alive: see
/// StackedAdamW.Release). The padding stays zero in every buffer: the AdamW update maps zeros to zeros.
/// </summary>
public sealed class FlatParameters : IDisposable
{
    private const int AlignBytes = 64;

    private readonly Parameter[] _params;
    private readonly long[] _offsets, _numels;

    /// <summary>The buffer every parameter is a view of.</summary>
    public Tensor Values { get; }
    /// <summary>The buffer every parameter's grad is a view of.</summary>
    public Tensor Grads { get; }
    public IReadOnlyList<Parameter> Parameters => _params;
    public int Count => _params.Length;

    public FlatParameters(IEnumerable<Parameter> parameters)
    {
        _params = parameters.ToArray();
        if (_params.Length == 0) throw new ArgumentException("no parameters");
        var (dtype, device) = (_params[0].dtype, _params[0].device);
        if (_params.Any(p => p.dtype != dtype || p.device.ToString() != device.ToString()))
            throw new ArgumentException("a flat buffer needs parameters of one dtype on one device");
        long align = AlignBytes / _params[0].ElementSize;
        long Up(long n) => (n + align - 1) / align * align;
        _numels = _params.Select(p => p.numel()).ToArray();
        _offsets = new long[_params.Length];
        // A leading pad makes every offset nonzero: a grad autograd allocated itself has offset 0 (see CheckGrads).
        long total = align;
        for (int i = 0; i < _params.Length; i++) (_offsets[i], total) = (total, total + Up(_numels[i]));

        using var _ = no_grad();
        Values = zeros(total, dtype: dtype, device: device).DetachFromDisposeScope();
        Grads = zeros(total, dtype: dtype, device: device).DetachFromDisposeScope();
        for (int i = 0; i < _params.Length; i++)
        {
            var p = _params[i];
            using var value = View(Values, i);
            StackedAdamW.Release(value, value.copy_(p));
            StackedAdamW.Release(p, p.set_(value));
            using var grad = View(Grads, i);
            using (var old = p.grad)
                if (old is not null) StackedAdamW.Release(grad, grad.copy_(old)); // a grad already accumulated
            p.grad = grad;
        }
    }

    /// <summary>Parameter i's slice of a buffer laid out like Values, in the parameter's shape.</summary>
    public Tensor View(Tensor buffer, int i)
    {
        using var flat = buffer.narrow(0, _offsets[i], _numels[i]);
        return flat.view(_params[i].shape);
    }

    /// <summary>Parameter i's slice of a buffer laid out like Values, as [E, -1] (members on dim 0).</summary>
    public Tensor MemberRows(Tensor buffer, int i, int members)
    {
        using var flat = buffer.narrow(0, _offsets[i], _numels[i]);
        return flat.view(members, -1);
    }

    /// <summary>
    /// Throws unless every grad is still its view of Grads. Something that sets grads to none (a module's zero_grad)
    /// would make autograd allocate fresh ones, which the optimiser would not see: training would silently stop.
    /// </summary>
    public void CheckGrads()
    {
        for (int i = 0; i < _params.Length; i++)
        {
            using var g = _params[i].grad;
            if (g is null || g.storage_offset() != _offsets[i])
                throw new InvalidOperationException(
                    "a parameter's grad is no longer a view of the optimiser's flat gradient buffer");
        }
    }

    public void Dispose()
    {
        Values.Dispose();
        Grads.Dispose();
    }
}
