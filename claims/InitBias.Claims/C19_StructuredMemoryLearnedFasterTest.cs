using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C19.</summary>
[Trait("Category", "Claim")]
public class C19_StructuredMemoryLearnedFasterTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C19");
}
