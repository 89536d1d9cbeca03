namespace InitBias;

/// <summary>
/// What /proc/cpuinfo says about the CPU's vector units. The model name alone ("AMD EPYC") hides whether a host has
/// AVX-512 and native bfloat16 (Zen 4) or only AVX2 (Zen 3): kernels, speed and the last digits of results differ.
/// </summary>
public static class CpuInfo
{
    private static readonly string[] Relevant = ["avx2", "fma", "avx512f", "avx512_bf16", "amx_bf16"];
    private static readonly Lazy<HashSet<string>> FlagSet = new(ReadFlags);

    /// <summary>The relevant ISA flags this CPU has, e.g. "avx2 fma" or "avx2 fma avx512f avx512_bf16".</summary>
    public static string VectorFlags => string.Join(' ', Relevant.Where(FlagSet.Value.Contains));

    /// <summary>True when bfloat16 matmuls run on native instructions (oneDNN); elsewhere libtorch's fallback is
    /// ~50x slower than float32 (measured: 3 GFLOP/s on an AVX2-only EPYC).</summary>
    public static bool HasNativeBf16 => FlagSet.Value.Contains("avx512_bf16") || FlagSet.Value.Contains("amx_bf16");

    /// <summary>"family F model M", to tell CPU generations apart behind one model name.</summary>
    public static string Generation =>
        Field("cpu family") is { } f && Field("model") is { } m ? $"family {f} model {m}" : "";

    private static HashSet<string> ReadFlags() =>
        Field("flags") is { } flags ? flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet() : [];

    private static string? Field(string name)
    {
        try
        {
            if (!File.Exists("/proc/cpuinfo")) return null;
            var line = File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.Split(':', 2)[0].Trim() == name);
            return line?.Split(':', 2)[1].Trim();
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
