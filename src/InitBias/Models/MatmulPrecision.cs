using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// The precision of the models' matmuls, set per thread by the trainer for a run (train.precision), like torch's
/// autocast: "fp32" everywhere, or "bf16" operands with float32 accumulation inside the kernel and the result cast
/// back to float32. Weights, optimiser state, LayerNorm, softmax and the loss stay float32; autograd follows the
/// casts, so the backward matmuls run in bfloat16 too. Every model matmul goes through Matmul(), so one switch
/// covers them all.
/// </summary>
public static class MatmulPrecision
{
    public const string Fp32 = "fp32";
    public const string Bf16 = "bf16";
    public static readonly string[] All = [Fp32, Bf16];

    [ThreadStatic] private static bool _bf16;

    /// <summary>Switches this thread's model matmuls to <paramref name="precision"/> until disposed.</summary>
    public static IDisposable Use(string precision)
    {
        if (!All.Contains(precision)) throw new ArgumentException($"unknown precision '{precision}' (fp32 or bf16)");
        bool previous = _bf16;
        _bf16 = precision == Bf16;
        return new Restore(previous);
    }

    /// <summary>matmul(a, b) in the current precision; float32 in, float32 out.</summary>
    public static Tensor Matmul(Tensor a, Tensor b) => _bf16 ? InBf16(a, b, matmul) : matmul(a, b);

    /// <summary>bmm(a, b) in the current precision ([E, M, K] x [E, K, N]); float32 in, float32 out.</summary>
    public static Tensor Bmm(Tensor a, Tensor b) => _bf16 ? InBf16(a, b, bmm) : bmm(a, b);

    private static Tensor InBf16(Tensor a, Tensor b, Func<Tensor, Tensor, Tensor> product)
    {
        using var a16 = a.to(ScalarType.BFloat16);
        using var b16 = b.to(ScalarType.BFloat16);
        using var y16 = product(a16, b16);
        return y16.to(ScalarType.Float32);
    }

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => _bf16 = previous;
    }
}
