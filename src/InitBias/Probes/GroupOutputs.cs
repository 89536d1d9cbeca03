namespace InitBias.Probes;

/// <summary>
/// One label group's outputs at one evaluation: of the argmax, the share in the group's range, mean, accuracy and
/// histogram; and the mean softmax distribution over the vocabulary (C18 v2 reads masses of label ranges from it).
/// </summary>
public sealed record GroupOutputs(int LabelMin, int LabelMax, double InRange, double MeanOutput, double Accuracy,
    int[] Histogram, double[] MeanProbability)
{
    /// <summary>The section: one GroupOutputs per label group 1..4.</summary>
    public static readonly ProbeSection<GroupOutputs[]> Section = new("outputs");

    /// <summary>Mean softmax mass on the labels lo..hi.</summary>
    public double Mass(int lo, int hi)
    {
        double s = 0;
        for (int i = Math.Max(lo, 0); i <= Math.Min(hi, MeanProbability.Length - 1); i++) s += MeanProbability[i];
        return s;
    }
}
