using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C1.</summary>
[Trait("Category", "Claim")]
public class C01_ProntoQaLearnedFasterTest
{
    [Fact]
    public void Holds() => ClaimAssert.Holds("C01");
}
