using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C18.</summary>
[Trait("Category", "Claim")]
public class C18_OutputsStayInLabelRangeTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C18");
}
