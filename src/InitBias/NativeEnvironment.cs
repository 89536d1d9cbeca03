using System.Runtime.InteropServices;

namespace InitBias;

/// <summary>
/// Environment variables that native libraries read only at process start, set for every process that trains: the
/// CLI re-executes itself with them, the test projects get them from InitBias.runsettings (Directory.Build.props).
/// <list type="bullet">
/// <item>GLIBC_TUNABLES: one malloc arena, no mmap, no trimming. An ensemble's activations ([24, 100, 9, 384]
/// float32 is 33 MB) are above glibc's largest mmap threshold, so each step mapped, zero-filled and unmapped fresh
/// pages; a thread other than the main one (xUnit runs tests on workers) gets its own arena, whose 64 MB heaps are
/// unmapped whenever they empty and which serves anything larger with mmap whatever M_MMAP_MAX says. The 24-member
/// ci grid: 1.3 steps/s with 64-70 s of kernel time per 200 steps before, 1.7 and 14-21 s after (BENCHMARKS.md).
/// Numbers do not change, only where memory comes from.</item>
/// <item>MKL_CBWR=AVX2 and ATEN_CPU_CAPABILITY=avx2: the same kernels on every x86-64 CPU with AVX2. Without them
/// MKL and ATen pick kernels per CPU (AVX-512 on Zen 4, AVX2 on Zen 3), whose rounding differs; over 2,000 steps that
/// moved per-seed claim statistics by up to 0.2 between two such hosts and failed the snapshots. About 10% slower
/// here than MKL's own choice.</item>
/// <item>CUBLAS_WORKSPACE_CONFIG=:4096:8: cuBLAS's deterministic workspace on CUDA (NVIDIA's documented setting for
/// reproducible cuBLAS results); read when cuBLAS starts, ignored on the CPU.</item>
/// </list>
/// A variable the user has set is left as it is (the run folder's environment records it).
/// </summary>
public static class NativeEnvironment
{
    /// <summary>Must equal InitBias.runsettings (a test checks).</summary>
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["GLIBC_TUNABLES"] = "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736",
        ["MKL_CBWR"] = "AVX2",
        ["ATEN_CPU_CAPABILITY"] = "avx2",
        ["CUBLAS_WORKSPACE_CONFIG"] = ":4096:8",
    };

    private const string OptOut = "INITBIAS_NO_REEXEC";

    /// <summary>
    /// The variables that apply here: all on Linux x86-64 with AVX2; elsewhere on Linux the allocator and cuBLAS's.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Applicable =>
        !OperatingSystem.IsLinux() ? []
        : CpuInfo.VectorFlags.Contains("avx2") ? Variables
        : Variables.Where(v => v.Key is "GLIBC_TUNABLES" or "CUBLAS_WORKSPACE_CONFIG");

    /// <summary>True when every applicable variable was set when this process started.</summary>
    public static bool Active => Applicable.All(v => Environment.GetEnvironmentVariable(v.Key) is { Length: > 0 });

    /// <summary>
    /// Call first thing in Main: when a variable is missing, replace this process by the same command line with them
    /// (execve keeps the pid, the terminal and the exit code). INITBIAS_NO_REEXEC=1 skips it; if execve fails the
    /// process goes on with the mallopt fallback.
    /// </summary>
    public static void ReexecIfNeeded()
    {
        if (Active || Environment.GetEnvironmentVariable(OptOut) is { Length: > 0 }) return;
        try
        {
            var argv = File.ReadAllText("/proc/self/cmdline").Split('\0');
            if (argv.Length > 0 && argv[^1].Length == 0) argv = argv[..^1];
            if (argv.Length == 0) return;
            var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
            foreach (var (name, value) in Applicable)
                if (!env.TryGetValue(name, out var existing) || existing.Length == 0) env[name] = value;
            env[OptOut] = "1"; // never loop, even if a library ignored a variable
            Execve("/proc/self/exe", [.. argv, null], [.. env.Select(e => $"{e.Key}={e.Value}"), null]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException
                                       or EntryPointNotFoundException)
        {
        }
        ApplyInProcess();
    }

    /// <summary>
    /// What can still change in a running process: no mmap and no trimming for the main arena (arenas that threads
    /// already hold keep theirs), and the kernel choice if libtorch has not started yet.
    /// </summary>
    public static void ApplyInProcess()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            Mallopt(MmapMax, 0);
            Mallopt(TrimThreshold, int.MaxValue);
            foreach (var (name, value) in Applicable.Where(v => v.Key != "GLIBC_TUNABLES"))
                if (Environment.GetEnvironmentVariable(name) is null)
                {
                    SetEnv(name, value, 0);
                    Environment.SetEnvironmentVariable(name, value);
                }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    private const int TrimThreshold = -1, MmapMax = -4;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int param, int value);

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Execve(string path, string?[] argv, string?[] envp);
}
