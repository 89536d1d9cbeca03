namespace InitBias.Runs;

/// <summary>
/// What decides a run's numbers besides its config: the assembly's version and its module version id (models,
/// trainer, data generators and probes all live in it). The build is deterministic, so the id is a hash of the
/// compiled code: any change to the code changes it, and a reused run is never one newer code would compute otherwise.
/// </summary>
public static class CodeFingerprint
{
    public static string Value { get; } = Compute();

    private static string Compute()
    {
        var assembly = typeof(CodeFingerprint).Assembly;
        return $"{assembly.GetName().Version} mvid:{assembly.ManifestModule.ModuleVersionId:N}";
    }
}
