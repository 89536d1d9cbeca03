using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C11.</summary>
[Trait("Category", "Claim")]
public class C11_EmbMlpFailsWithNoiseTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C11");
}
