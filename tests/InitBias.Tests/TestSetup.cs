using System.Runtime.CompilerServices;
using Xunit;

// Torch state (threads, manual seeds) is process-wide and 2 cores gain nothing from parallel tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace InitBias.Tests;

internal static class TestSetup
{
    [ModuleInitializer]
    internal static void Init() => TorchRuntime.Prepare();
}
