using static TorchSharp.torch;

namespace InitBias.Analysis;

/// <summary>
/// A linear probe: ridge regression from features to one-hot classes, fitted on the even-indexed samples and scored
/// (argmax) on the odd-indexed ones. It says whether a quantity (C15: the key z_p) is linearly readable from a
/// hidden state. Features are centred on the fitting half; ridge λ = 1e-2 × the mean diagonal of XᵀX (scale-free).
/// In torch (float64, on the features' device), batched over ensemble members, so a GPU run probes on the GPU.
/// </summary>
public static class LinearProbe
{
    /// <summary>features [E, B, D] (any float dtype, any device), labels [E, B] in 0..classes-1; accuracy per
    /// member.</summary>
    public static double[] HeldOutAccuracy(Tensor features, Tensor labels, int classes)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long b = features.shape[1], d = features.shape[2];
        var device = features.device;
        var fit = arange(0, b, 2, dtype: ScalarType.Int64, device: device);
        var test = arange(1, b, 2, dtype: ScalarType.Int64, device: device);
        var x = features.to(ScalarType.Float64);
        var xFit = x.index_select(1, fit);
        var mean = xFit.mean([1], keepdim: true);                      // [E, 1, D]
        var xc = xFit - mean;
        var y = nn.functional.one_hot(labels.index_select(1, fit), classes).to(ScalarType.Float64); // [E, F, C]
        var yMean = y.mean([1], keepdim: true);                         // [E, 1, C]
        var xt = xc.transpose(1, 2);
        var xtx = xt.bmm(xc);                                           // [E, D, D]
        var lambda = xtx.diagonal(0, 1, 2).mean([1]).mul(1e-2).add(1e-12); // [E]
        var identity = eye(d, dtype: ScalarType.Float64, device: device);
        var w = linalg.solve(xtx + lambda.view(-1, 1, 1) * identity, xt.bmm(y)); // [E, D, C]
        var scores = (x.index_select(1, test) - mean).bmm(w) + yMean;    // [E, T, C]
        var correct = scores.argmax(-1).eq(labels.index_select(1, test)).to(ScalarType.Float64).mean([1]);
        return TensorReadout.Doubles(correct);
    }
}
