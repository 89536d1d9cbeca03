using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Benchmarks;

/// <summary>
/// The machine's float32 matmul peak: the best GFLOP/s of repeated large square matmuls on the current device and
/// threads. Best, not median: a peak is what the machine can reach, and on a shared host the median mostly measures
/// the neighbours (it moved 154-180 between runs here), which would flatter every ratio to it.
/// </summary>
public static class MatmulPeak
{
    public static double Measure(Device device, int size = 2048, int repetitions = 15)
    {
        using var a = randn(size, size, device: device);
        using var b = randn(size, size, device: device);
        using var c = empty(size, size, device: device);
        for (int i = 0; i < 2; i++) { using var w = torch.mm(a, b); } // warm-up: thread pool, caches
        var rates = new List<double>();
        for (int i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            using (var r = torch.mm(a, b)) { if (device.type == DeviceType.CUDA) torch.cuda.synchronize(); }
            rates.Add(2.0 * size * size * (double)size / clock.Elapsed.TotalSeconds / 1e9);
        }
        return rates.Max();
    }

    public static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
