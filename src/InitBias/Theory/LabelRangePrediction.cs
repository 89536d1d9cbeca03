using InitBias.Tasks;

namespace InitBias.Theory;

/// <summary>
/// C18: where Prop. 1 sends a label group's outputs early in training. At small initialisation the
/// Emb-MLP's logits for an input x move along ℓ(x) = Σ_{s∈x} r_s P̃_s (Prop. 1, with W2ᵀW1ᵀW1W2 ≈ c·I at
/// initialisation), so outputs gain mass where ℓ is positive. The prediction for a group is the share of
/// ℓ's positive part outside the group's label range, averaged over the group's training inputs: 0 when
/// every input's label distributions lie in the range, large when a token's labels come from several ranges.
/// </summary>
public static class LabelRangePrediction
{
    /// <summary>Per label group 0..3, the predicted share of the outputs' gained mass outside the group's range.
    /// </summary>
    public static double[] MassOutsideRange(TaskData data, CompositionTaskConfig task, int vocabSize)
    {
        var tokens = Enumerable.Range(1, task.KeyMax).ToArray();
        // r_s P̃_s per token, once.
        var drive = LabelDistribution.FromData(data, tokens, vocabSize)
            .ToDictionary(d => d.Token, d => d.Centered().Select(x => d.Share * x).ToArray());
        var sums = new double[CompositionTaskConfig.LabelGroups];
        var counts = new int[sums.Length];
        foreach (int i in data.TrainIndices())
        {
            var row = data.Sample(i);
            int p = data.KeyPositions[i];
            int g = task.LabelGroup((int)row[p + 1], (int)row[p + 2]);
            if (g < 0) continue;
            var l = new double[vocabSize];
            for (int t = 0; t < data.SeqLen; t++)
            {
                var d = drive[(int)row[t]];
                for (int v = 0; v < vocabSize; v++) l[v] += d[v];
            }
            var (lo, hi) = CompositionTaskConfig.GroupLabelRange(g);
            double positive = 0, outside = 0;
            for (int v = 0; v < vocabSize; v++)
            {
                if (l[v] <= 0) continue;
                positive += l[v];
                if (v < lo || v > hi) outside += l[v];
            }
            sums[g] += positive > 0 ? outside / positive : 0;
            counts[g]++;
        }
        return sums.Select((s, g) => counts[g] > 0 ? s / counts[g] : double.NaN).ToArray();
    }
}
