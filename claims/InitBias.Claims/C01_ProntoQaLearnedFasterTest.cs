using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C1.</summary>
[Trait("Category", "Claim")]
public class C01_ProntoQaLearnedFasterTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C01");
}
