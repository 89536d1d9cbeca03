namespace InitBias.Probes;

/// <summary>
/// What the probes of a run read at one evaluation (a line of probe.jsonl): one section per probe the grid declares
/// (Grids.ProbeSpec), null where that probe recorded nothing at this step.
/// </summary>
public sealed record ProbeLine(int Step)
{
    /// <summary>The anchors' embeddings and cosines (AnchorEmbeddingsSpec).</summary>
    public AnchorEmbeddings? Anchors { get; init; }
    /// <summary>The transformer's mechanism statistics (MechanismSpec).</summary>
    public MechanismReadout? Mechanism { get; init; }
    /// <summary>gpt2-mix: embedding cosines of the corpus-only token sets (TokenSetsSpec).</summary>
    public TokenSetCosines? TokenSets { get; init; }
    /// <summary>label-groups: outputs per label group 1..4 (LabelGroupOutputsSpec).</summary>
    public GroupOutputs[]? Outputs { get; init; }
    /// <summary>Step 0: the first full-batch gradient at initialisation (FirstStepSpec).</summary>
    public FirstStepVelocities? FirstStep { get; init; }
    /// <summary>Step 0: label distributions counted from the training data (LabelDistributionsSpec).</summary>
    public TrainingLabelDistributions? LabelDistributions { get; init; }

    public bool IsEmpty => Anchors is null && Mechanism is null && TokenSets is null && Outputs is null
                           && FirstStep is null && LabelDistributions is null;
}
