using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C08.</summary>
[Trait("Category", "Claim")]
public class C08_EmbMlpEmbeddingStructureTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C08");
}
