using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C2.</summary>
[Trait("Category", "Claim")]
public class C02_RealDataBiasGrowsWithGammaTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C02");
}
