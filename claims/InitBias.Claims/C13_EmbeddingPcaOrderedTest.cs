using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C13.</summary>
[Trait("Category", "Claim")]
public class C13_EmbeddingPcaOrderedTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C13");
}
