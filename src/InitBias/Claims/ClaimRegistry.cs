namespace InitBias.Claims;

/// <summary>
/// Every implemented claim by id ("C05"); `initbias claim ID` and the claim tests both run from here. A unit test
/// holds each claim's expected status per profile to CLAIMS.md's registry table.
/// </summary>
public static class ClaimRegistry
{
    public static readonly IReadOnlyList<Claim> All =
    [
        new C01_ProntoQaLearnedFaster(),
        new C02_RealDataBiasGrowsWithGamma(),
        new C03_ProntoQaTokensDistinguishable(),
        new C04_LargeInitMemorizes(),
        new C05_SmallInitLearnsReasoningFirst(),
        new C06_ReasoningBiasGrowsAsInitShrinks(),
        new C07_EmbMlpReasoningBias(),
        new C08_EmbMlpEmbeddingStructure(),
        new C09_MemoryAnchorsIndistinguishable(),
        new C10_LabelDistributionDrivesEmbeddings(),
        new C11_EmbMlpFailsWithNoise(),
        new C12_TransformerEmbeddingStructure(),
        new C13_EmbeddingPcaOrdered(),
        new C14_FirstLayerAveragesAndCarriesReasoning(),
        new C15_SecondLayerFindsTheKey(),
        new C16_TheoryMatchesTrainedEmbeddings(),
        new C17_TheoryPcaIsOrderedCurve(),
        new C18_OutputsStayInLabelRange(),
        new C19_StructuredMemoryLearnedFaster(),
        new C20_EmbeddingLowRankNotCondensed(),
        new C22_LayerNormAndLearningRateDoNotMatter(),
        new C23_NextTokenPredictionAgrees(),
    ];

    public static Claim Get(string id)
    {
        string key = id.Trim().ToUpperInvariant();
        if (key.Length == 2 && key[0] == 'C' && char.IsDigit(key[1])) key = "C0" + key[1];
        return All.FirstOrDefault(c => c.Id == key || c.Name.Equals(id, StringComparison.OrdinalIgnoreCase))
               ?? throw new ArgumentException($"unknown or not yet implemented claim '{id}' " +
                                              $"(implemented: {string.Join(", ", All.Select(c => c.Id))})");
    }
}
