using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C15.</summary>
[Trait("Category", "Claim")]
public class C15_SecondLayerFindsTheKeyTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C15");
}
