using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C22. Runs in the full and paper profiles only (skipped in ci).</summary>
[Trait("Category", "Claim")]
public class C22_LayerNormAndLearningRateDoNotMatterTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C22");
}
