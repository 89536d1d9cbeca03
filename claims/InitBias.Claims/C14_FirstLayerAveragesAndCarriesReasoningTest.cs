using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C14.</summary>
[Trait("Category", "Claim")]
public class C14_FirstLayerAveragesAndCarriesReasoningTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C14");
}
