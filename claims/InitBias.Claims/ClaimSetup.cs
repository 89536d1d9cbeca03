using System.Runtime.CompilerServices;
using InitBias.Claims;
using InitBias.Pipeline;
using InitBias.Snapshots;
using Xunit;

// Claims share trained grids and torch's process-wide state: run them one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace InitBias.Claims.Tests;

/// <summary>
/// The thin wrapper every claim test is: run the registered claim (the same code `initbias claim ID` runs), compare
/// its snapshot {Class}.{Method}.{profile}.verified.json beside the test file, then hold the verdict to the status
/// CLAIMS.md records for the profile. With no status recorded for the profile (e.g. paper on a GPU runner) the test
/// records: it writes the received snapshot, prints the verdict and passes.
/// </summary>
public static class ClaimAssert
{
    /// <summary>
    /// The context of every claim test, from INITBIAS_PROFILE, INITBIAS_DEVICE and INITBIAS_OUT. A device asked for and
    /// not available (INITBIAS_DEVICE=cuda on a machine without CUDA) fails every claim test at once with that one
    /// line, instead of training on another device.
    /// </summary>
    private static readonly Lazy<ClaimContext> LazyContext = new(() =>
        ClaimContext.FromEnvironment() with { Log = Console.WriteLine });

    private static ClaimContext Context
    {
        get
        {
            try { return LazyContext.Value; }
            catch (ArgumentException ex) { throw new Xunit.Sdk.XunitException(ex.Message); }
        }
    }

    public static void Holds(string id, [CallerFilePath] string file = "", [CallerMemberName] string method = "")
    {
        var claim = ClaimRegistry.Get(id);
        string runsIn = string.Join(" and ", claim.RunsIn);
        Skip.IfNot(claim.RunsIn.Contains(Context.Profile),
            $"{claim.Id} runs in {runsIn}, not in {Context.Profile} (its grids do not fit)");
        var run = ClaimRunner.Run(claim, Context);
        Console.WriteLine(run.Result.Summary());
        foreach (var failure in run.FigureFailures) Console.WriteLine(failure);
        ClaimStatus? expected = claim.Expected.For(Context.Profile);
        var note = SnapshotVerifier.Verify(run.Result.ToSnapshot(), Path.GetDirectoryName(file)!,
            $"{claim.Name}.{method}.{Context.Profile}",
            environment: NumericEnvironment.Current(Context.Device, Context.Precision),
            recordWhenMissing: expected is null);
        if (note is not null) Console.WriteLine(note);
        if (expected is null)
        {
            Console.WriteLine($"{claim.Id}: CLAIMS.md records no status for profile {Context.Profile}; verdict " +
                              $"{run.Result.Verdict} recorded, not asserted");
            return;
        }
        if (run.Result.Status != expected)
            throw new Xunit.Sdk.XunitException(
                $"{claim.Id} is registered in CLAIMS.md as {ExpectedStatus.Text(expected)} at {Context.Profile} but " +
                $"the decision rule says {run.Result.Verdict}: {run.Result.Summary()}");
    }

    [ModuleInitializer]
    internal static void Init()
    {
        if (!NativeEnvironment.Active)
            Console.Error.WriteLine("warning: this test host did not get InitBias.runsettings' variables: the claim " +
                                    "grids run 1.3-2x slower and their numbers may not match the snapshots " +
                                    "(NativeEnvironment.cs)");
        TorchRuntime.Prepare();
    }
}
