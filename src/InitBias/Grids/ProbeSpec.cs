namespace InitBias.Grids;

/// <summary>
/// A probe a grid records during training, declared as data: Probes.Recording turns each into a writer that reads
/// the model at named points after an evaluation, and every probe of a run writes its section of probe.jsonl.
/// </summary>
public abstract record ProbeSpec;

/// <summary>The anchors' embedding rows at the steps AnchorSteps names (their cosines are computed at read time).
/// </summary>
public sealed record AnchorEmbeddingsSpec(AnchorSteps Steps) : ProbeSpec;

/// <summary>The transformer's mechanism statistics at every evaluation (C12-C16, C20).</summary>
public sealed record MechanismSpec : ProbeSpec;

/// <summary>gpt2-mix: embedding cosines of the corpus-only token sets at every evaluation (C3).</summary>
public sealed record TokenSetsSpec : ProbeSpec;

/// <summary>label-groups: argmax and softmax outputs per label group at every evaluation (C18).</summary>
public sealed record LabelGroupOutputsSpec : ProbeSpec;

/// <summary>
/// C10 (a), C12: at step 0, for the members of these γ, the anchors' first full-batch gradient at initialisation on a
/// one-member model of the member's config, init stream and data (Probes.FirstStepVelocities); with Prop. 1's
/// prediction (WithProp1, the Emb-MLP) and the gradient of the same model without LayerNorm (WithoutLayerNorm).
/// </summary>
public sealed record FirstStepSpec(IReadOnlyList<double> Gammas, bool WithProp1, bool WithoutLayerNorm) : ProbeSpec
{
    public bool Equals(FirstStepSpec? other) => other is not null && Gammas.SequenceEqual(other.Gammas)
                                               && WithProp1 == other.WithProp1
                                               && WithoutLayerNorm == other.WithoutLayerNorm;

    public override int GetHashCode() => HashCode.Combine(Gammas.Count, WithProp1, WithoutLayerNorm);
}

/// <summary>
/// C10 (b), Fig. 4B, C18 v3: at step 0, the anchors' label distributions counted from each member's training data,
/// and Prop. 1's prediction for the label groups when WithGroupPrediction (Probes.TrainingLabelDistributions).
/// </summary>
public sealed record LabelDistributionsSpec(bool WithGroupPrediction) : ProbeSpec;

/// <summary>Where anchor embeddings are recorded (the transformer's rows are in its mechanism section at every
/// evaluation, so only the Emb-MLP's checkpoints are named).</summary>
public enum AnchorSteps
{
    /// <summary>Step 0, the first evaluation (C10's first-epoch update), and the early and late checkpoints of
    /// Fig. 4A (ClaimGrids.EmbMlpCheckpoints).</summary>
    EmbMlpCheckpoints,
}
