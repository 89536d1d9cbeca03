using System.Runtime.CompilerServices;
using InitBias.Claims;
using InitBias.Snapshots;
using Xunit;

// Claims share trained grids and torch's process-wide state: run them one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace InitBias.Claims.Tests;

/// <summary>
/// The thin wrapper every claim test is: run the registered claim (the same code `initbias claim ID` runs), compare
/// its snapshot {Class}.{Method}.{profile}.verified.json beside the test file, then hold the verdict to the status
/// CLAIMS.md records.
/// </summary>
public static class ClaimAssert
{
    private static readonly ClaimContext Context = ClaimContext.FromEnvironment() with { Log = Console.WriteLine };

    public static void Holds(string id, [CallerFilePath] string file = "", [CallerMemberName] string method = "")
    {
        var claim = ClaimRegistry.Get(id);
        var result = claim.Run(Context);
        Console.WriteLine(result.Summary());
        var note = SnapshotVerifier.Verify(result.ToSnapshot(), Path.GetDirectoryName(file)!,
            $"{claim.Name}.{method}.{Context.Profile}", environment: NumericEnvironment.Current(Context.Device));
        if (note is not null) Console.WriteLine(note);
        if (result.Reproduced != claim.ExpectedReproduced)
            throw new Xunit.Sdk.XunitException(
                $"{claim.Id} is registered in CLAIMS.md as {(claim.ExpectedReproduced ? "reproduced" : "not reproduced")} but the decision rule says {result.Verdict}: {result.Summary()}");
    }

    [ModuleInitializer]
    internal static void Init()
    {
        if (!NativeEnvironment.Active)
            Console.Error.WriteLine("warning: this test host did not get InitBias.runsettings' variables: the claim grids " +
                                    "run 1.3-2x slower and their numbers may not match the snapshots (NativeEnvironment.cs)");
        TorchRuntime.Prepare();
    }
}
