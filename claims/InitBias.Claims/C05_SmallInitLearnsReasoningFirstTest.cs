using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C05.</summary>
[Trait("Category", "Claim")]
public class C05_SmallInitLearnsReasoningFirstTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C05");
}
