using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C16.</summary>
[Trait("Category", "Claim")]
public class C16_TheoryMatchesTrainedEmbeddingsTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C16");
}
