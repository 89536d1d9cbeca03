using System.Reflection;
using TorchSharp;

namespace InitBias;

/// <summary>
/// The TorchSharp and libtorch versions this process runs: part of every numeric environment (run folders and
/// snapshots), because another version may pick other kernels and move the last digits.
/// </summary>
public static class TorchVersions
{
    /// <summary>TorchSharp's informational version (with its commit when the package carries one).</summary>
    public static string TorchSharp => Of(typeof(torch).Assembly);

    /// <summary>libtorch's version as TorchSharp reports it (torch.__version__, 2.10.0.0 for libtorch 2.10).</summary>
    public static string Libtorch => torch.__version__;

    public static string Of(Assembly a) =>
        a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? a.GetName().Version?.ToString() ?? "?";
}
