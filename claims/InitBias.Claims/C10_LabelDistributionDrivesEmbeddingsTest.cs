using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C10.</summary>
[Trait("Category", "Claim")]
public class C10_LabelDistributionDrivesEmbeddingsTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C10");
}
