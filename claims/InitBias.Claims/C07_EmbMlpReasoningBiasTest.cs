using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C07.</summary>
[Trait("Category", "Claim")]
public class C07_EmbMlpReasoningBiasTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C07");
}
