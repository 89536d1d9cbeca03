using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C17.</summary>
[Trait("Category", "Claim")]
public class C17_TheoryPcaIsOrderedCurveTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C17");
}
