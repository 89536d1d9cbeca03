using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Theory;

namespace InitBias.Probes.Recording;

/// <summary>
/// C10 (b), Fig. 4B, C18 v3 (LabelDistributionsSpec): at step 0, the anchors' label distributions P_s and shares r_s
/// counted from each member's training data, and with WithGroupPrediction Prop. 1's share of each label group's
/// gained mass outside its range; the data is the member's own (the same generator call the run trains on).
/// </summary>
public static class LabelDistributionsWriter
{
    public static SectionWriter Create(LabelDistributionsSpec spec, IReadOnlyList<RunConfig> members)
    {
        var task = members[0].Task;
        int first = Math.Min(task.MemAnchorMin, task.RsnAnchorMin);
        int last = Math.Max(task.MemAnchorMax, task.RsnAnchorMax);
        int[] tokens = [.. Enumerable.Range(first, last - first + 1)];
        return (step, _, lines) =>
        {
            if (step != 0) return;
            for (int e = 0; e < members.Count; e++)
            {
                var c = members[e];
                var data = ExperimentRegistry.Get(c.Experiment).BuildData(c);
                var dists = LabelDistribution.FromData(data, tokens, c.Model.VocabSize);
                lines[e] = lines[e] with
                {
                    LabelDistributions = new TrainingLabelDistributions(first, [.. dists.Select(d => d.P)],
                        [.. dists.Select(d => d.Share)])
                    {
                        Prop1ShareOutsideRange = spec.WithGroupPrediction
                            ? LabelRangePrediction.MassOutsideRange(data, c.Task, c.Model.VocabSize)
                            : null,
                    },
                };
            }
        };
    }
}
