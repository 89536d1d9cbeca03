using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C09.</summary>
[Trait("Category", "Claim")]
public class C09_MemoryAnchorsIndistinguishableTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C09");
}
