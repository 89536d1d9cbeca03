using System.Security.Cryptography;

namespace InitBias.Runs;

/// <summary>
/// What decides a run's numbers besides its config: the assembly's version and a hash of the assembly itself (models,
/// trainer, data generators, probes all live in it). Conservative on purpose: any rebuild that changes the assembly
/// changes the fingerprint, so a reused run is never one that newer code would have computed differently.
/// </summary>
public static class CodeFingerprint
{
    private static readonly Lazy<string> Computed = new(() =>
    {
        var assembly = typeof(CodeFingerprint).Assembly;
        string version = assembly.GetName().Version?.ToString() ?? "?";
        using var stream = File.OpenRead(assembly.Location);
        string hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
        return $"{version} sha256:{hash}";
    });

    public static string Value => Computed.Value;
}
