using Xunit;

namespace InitBias.Claims.Tests;

/// <summary>Rule and status: CLAIMS.md, row C3.</summary>
[Trait("Category", "Claim")]
public class C03_ProntoQaTokensDistinguishableTest
{
    [SkippableFact]
    public void Holds() => ClaimAssert.Holds("C03");
}
