using static TorchSharp.torch;

namespace InitBias;

/// <summary>
/// Copies a tensor out to managed arrays (as float64, row-major); the one place that reads tensor memory.
/// </summary>
public static class TensorReadout
{
    // Every TorchSharp call returns a new handle (never the tensor itself), so each is disposed here.
    public static double[] Doubles(Tensor t)
    {
        using var converted = t.to(ScalarType.Float64);
        using var cpu = converted.cpu();
        using var contiguous = cpu.contiguous();
        using var accessor = contiguous.data<double>();
        return accessor.ToArray();
    }

    public static long[] Longs(Tensor t)
    {
        using var converted = t.to(ScalarType.Int64);
        using var cpu = converted.cpu();
        using var contiguous = cpu.contiguous();
        using var accessor = contiguous.data<long>();
        return accessor.ToArray();
    }

    /// <summary>A [R, C] tensor as R rows.</summary>
    public static double[][] Rows(Tensor t)
    {
        var flat = Doubles(t);
        int r = (int)t.shape[0], c = (int)t.shape[1];
        return Enumerable.Range(0, r).Select(i => flat.AsSpan(i * c, c).ToArray()).ToArray();
    }

    /// <summary>A [E, R, C] tensor as E row matrices.</summary>
    public static double[][][] Stack(Tensor t)
    {
        var flat = Doubles(t);
        int e = (int)t.shape[0], r = (int)t.shape[1], c = (int)t.shape[2];
        return Enumerable.Range(0, e).Select(m => Enumerable.Range(0, r)
            .Select(i => flat.AsSpan((m * r + i) * c, c).ToArray()).ToArray()).ToArray();
    }
}
