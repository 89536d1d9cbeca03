using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C23. Runs in the full and paper profiles only (skipped in ci).</summary>
[Trait("Category", "Claim")]
public class C23_NextTokenPredictionAgreesTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C23");
}
