using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C06.</summary>
[Trait("Category", "Claim")]
public class C06_ReasoningBiasGrowsAsInitShrinksTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C06");
}
