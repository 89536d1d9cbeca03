using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Benchmarks;

/// <summary>
/// The machine's matmul peak in a dtype: the best GFLOP/s of repeated large square matmuls on the current device and
/// threads. Best, not median: a peak is what the machine can reach, and on a shared host the median mostly measures
/// the neighbours (it moved 154-180 between runs here), which would flatter every ratio to it. Repetitions stop at
/// a time budget, because bfloat16 on a CPU without native support runs at a few GFLOP/s.
/// </summary>
public static class MatmulPeak
{
    public static double Measure(Device device, ScalarType dtype = ScalarType.Float32, int size = 2048,
        int repetitions = 15, double budgetSeconds = 10)
    {
        using var draws = new RandomStream(0);
        using var a = empty(size, size, dtype: dtype, device: device);
        using var b = empty(size, size, dtype: dtype, device: device);
        draws.FillNormal(a, 1.0);
        draws.FillNormal(b, 1.0);
        var rates = new List<double>();
        var total = Stopwatch.StartNew();
        for (int i = 0; i < repetitions + 1 && (rates.Count < 2 || total.Elapsed.TotalSeconds < budgetSeconds); i++)
        {
            DeviceSync.Wait(device); // the clock starts when the device is idle (the inputs' copies included)
            var clock = Stopwatch.StartNew();
            using (var r = torch.mm(a, b)) DeviceSync.Wait(device);
            if (i > 0) rates.Add(2.0 * size * size * (double)size / clock.Elapsed.TotalSeconds / 1e9); // 0: warm-up
        }
        return rates.Max();
    }

    public static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
