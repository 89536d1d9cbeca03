using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C04.</summary>
[Trait("Category", "Claim")]
public class C04_LargeInitMemorizesTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C04");
}
