using static TorchSharp.torch;

namespace InitBias.Models.Blocks;

/// <summary>
/// The attention arithmetic both decoders share: the causal mask and the scaled scores. Each layer composes its
/// attention from them in its own order (DecoderLayer: one head, W^V after the softmax, masked entries −1e9;
/// Gpt2Block: heads, W^V before the scores, −∞), because the order in which a forward pass creates its autograd
/// nodes decides the order in which backward sums the gradients of their shared input: one merged order would move
/// the last bits of every trained number.
/// </summary>
public static class CausalAttention
{
    /// <summary>[T, T], true above the diagonal: the keys a query may not see.</summary>
    public static Tensor Mask(long len, Device device) =>
        ones(len, len, dtype: ScalarType.Bool, device: device).triu_(1);

    /// <summary>Q Kᵀ · scale: q [E, …, Tq, d], k [E, …, Tk, d] → [E, …, Tq, Tk].</summary>
    public static Tensor Scores(Tensor q, Tensor k, double scale)
    {
        using var kt = k.transpose(-1, -2); // [E, …, d, Tk]
        return MatmulPrecision.Matmul(q, kt).mul_(scale);
    }
}
