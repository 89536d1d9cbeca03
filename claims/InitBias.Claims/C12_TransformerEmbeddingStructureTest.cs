using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C12.</summary>
[Trait("Category", "Claim")]
public class C12_TransformerEmbeddingStructureTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C12");
}
