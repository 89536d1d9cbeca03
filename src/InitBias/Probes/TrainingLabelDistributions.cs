namespace InitBias.Probes;

/// <summary>
/// What the run counted from the data it trained on, at step 0: per anchor (tokens FirstToken..) the label
/// distribution P_s (one row over the vocabulary) and its share r_s = n_s / n (Theory.LabelDistribution), and, for
/// the label groups, Prop. 1's share of each group's gained output mass outside the group's range (C18 v3,
/// Theory.LabelRangePrediction). Rules read these instead of generating the task's data again.
/// </summary>
public sealed record TrainingLabelDistributions(int FirstToken, double[][] P, double[] Share)
{
    public static readonly ProbeSection<TrainingLabelDistributions> Section = new("label_distributions");

    public double[]? Prop1ShareOutsideRange { get; init; }
}
