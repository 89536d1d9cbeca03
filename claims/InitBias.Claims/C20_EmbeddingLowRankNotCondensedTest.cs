using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C20.</summary>
[Trait("Category", "Claim")]
public class C20_EmbeddingLowRankNotCondensedTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C20");
}
