using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// Layers whose parameters carry a leading member dimension E, so E independent models run as one batched
/// computation. With E = 1 they are ordinary layers. Row-vector convention: y = x W with W in R^{in x out}, as in
/// the paper. Parameters are born on the CPU, named rather than torch's default device, where RandomStream draws
/// their init; the runner then moves the model to its device (Module.to).
/// </summary>
public interface IPlanned
{
    IEnumerable<PlannedParam> InitPlan(string prefix);
}

public sealed class StackedLinear : nn.Module<Tensor, Tensor>, IPlanned
{
    public readonly int In, Out, Members;
    private readonly Parameter weight;
    private readonly Parameter? bias;

    public StackedLinear(string name, int members, int inFeatures, int outFeatures, bool hasBias) : base(name)
    {
        Members = members; In = inFeatures; Out = outFeatures;
        weight = new Parameter(empty(members, inFeatures, outFeatures, device: CPU));
        if (hasBias) bias = new Parameter(empty(members, outFeatures, device: CPU));
        RegisterComponents();
    }

    public Parameter Weight => weight;
    public Parameter? Bias => bias;

    /// <summary>x: [E, ..., in] → [E, ..., out] through one batched matmul per call.</summary>
    public override Tensor forward(Tensor x)
    {
        var shape = x.shape;
        using var flat = x.reshape(Members, -1, In);
        using var y = MatmulPrecision.Bmm(flat, weight);
        if (bias is not null)
        {
            using var b = bias.unsqueeze(1);
            y.add_(b);
        }
        shape[^1] = Out;
        return y.reshape(shape);
    }

    public IEnumerable<PlannedParam> InitPlan(string prefix)
    {
        yield return new($"{prefix}.weight", weight, new GammaNormal(In));
        if (bias is not null) yield return new($"{prefix}.bias", bias, new ConstantInit(0));
    }
}

public sealed class StackedEmbedding : nn.Module<Tensor, Tensor>, IPlanned
{
    public readonly int Count, Dim, Members;
    private readonly Parameter weight;

    public StackedEmbedding(string name, int members, int count, int dim) : base(name)
    {
        Members = members; Count = count; Dim = dim;
        weight = new Parameter(empty(members, count, dim, device: CPU));
        RegisterComponents();
    }

    public Parameter Weight => weight;

    /// <summary>
    /// ids: [E, ...] (int64) → [E, ..., dim]; member e looks up its own table. On CUDA the lookup is a one-hot
    /// matmul: index_select's backward accumulates rows with atomics there, in no fixed order, while a matmul's
    /// backward is as deterministic as cuBLAS (CudaSettings). On the CPU, index_select, as always.
    /// </summary>
    public override Tensor forward(Tensor ids) =>
        ids.device.type == DeviceType.CUDA || _forceOneHot ? ForwardOneHot(ids) : ForwardIndexSelect(ids);

    [ThreadStatic] private static bool _forceOneHot;

    /// <summary>
    /// Test-only: this thread's lookups take the CUDA path (one-hot matmul) on every device until disposed, so a
    /// training run on the CPU can exercise the path only CUDA runs otherwise.
    /// </summary>
    internal static IDisposable ForceOneHot()
    {
        bool previous = _forceOneHot;
        _forceOneHot = true;
        return new RestoreOneHot(previous);
    }

    private sealed class RestoreOneHot(bool previous) : IDisposable
    {
        public void Dispose() => _forceOneHot = previous;
    }

    /// <summary>The lookup as one_hot(ids) · W per member, in the weight's dtype (fp32: exact rows).</summary>
    public Tensor ForwardOneHot(Tensor ids)
    {
        using var flat = ids.reshape(Members, -1);                         // [E, N]
        using var hot = nn.functional.one_hot(flat, Count).to(weight.dtype); // [E, N, V]
        using var rows = hot.bmm(weight);                                   // [E, N, D]
        return rows.reshape([.. ids.shape, Dim]);
    }

    private Tensor ForwardIndexSelect(Tensor ids)
    {
        using var offsets = arange(Members, dtype: ScalarType.Int64, device: ids.device).mul_(Count)
            .reshape([Members, .. Enumerable.Repeat(1L, (int)ids.dim() - 1)]);
        using var flatIds = (ids + offsets).reshape(-1);
        using var table = weight.reshape(Members * (long)Count, Dim);
        using var rows = table.index_select(0, flatIds);
        return rows.reshape([.. ids.shape, Dim]);
    }

    /// <summary>Spec §5: embeddings use d_in := d_model.</summary>
    public IEnumerable<PlannedParam> InitPlan(string prefix)
    {
        yield return new($"{prefix}.weight", weight, new GammaNormal(Dim));
    }
}

public sealed class StackedLayerNorm : nn.Module<Tensor, Tensor>, IPlanned
{
    public readonly int Dim, Members;
    private readonly Parameter weight, bias;

    public StackedLayerNorm(string name, int members, int dim) : base(name)
    {
        Members = members; Dim = dim;
        weight = new Parameter(ones(members, dim, device: CPU));
        bias = new Parameter(zeros(members, dim, device: CPU));
        RegisterComponents();
    }

    /// <summary>x: [E, ..., dim]; normalisation per position, affine per member.</summary>
    public override Tensor forward(Tensor x)
    {
        long[] view = [Members, .. Enumerable.Repeat(1L, (int)x.dim() - 2), Dim];
        using var normed = nn.functional.layer_norm(x, [Dim], null, null, 1e-5);
        using var w = weight.reshape(view);
        using var b = bias.reshape(view);
        return torch.addcmul(b, normed, w, 1.0);
    }

    public IEnumerable<PlannedParam> InitPlan(string prefix)
    {
        yield return new($"{prefix}.weight", weight, new ConstantInit(1));
        yield return new($"{prefix}.bias", bias, new ConstantInit(0));
    }
}
