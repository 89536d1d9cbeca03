using InitBias.Grids;
using InitBias.Theory;

namespace InitBias.Probes.Recording;

/// <summary>
/// C10 (b), Fig. 4B, C18 v3 (LabelDistributionsSpec): at step 0, the anchors' label distributions P_s and shares r_s
/// counted from each member's training data, and with WithGroupPrediction Prop. 1's share of each label group's
/// gained mass outside its range; the data is the member's own, the very instance the run trains on.
/// </summary>
public sealed class LabelDistributionsWriter : Probe<LabelDistributionsSpec, TrainingLabelDistributions>
{
    public override ProbeSection<TrainingLabelDistributions> Section => TrainingLabelDistributions.Section;

    protected override ProbeRead<TrainingLabelDistributions> Start(LabelDistributionsSpec spec, ProbeContext run)
    {
        int[] tokens = run.AnchorTokens();
        return (step, _) => step != 0 ? null : [.. run.Members.Select((c, e) =>
        {
            var data = run.Data[e];
            var dists = LabelDistribution.FromData(data, tokens, c.Model.VocabSize);
            return new TrainingLabelDistributions(tokens[0], [.. dists.Select(d => d.P)],
                [.. dists.Select(d => d.Share)])
            {
                Prop1ShareOutsideRange = spec.WithGroupPrediction
                    ? LabelRangePrediction.MassOutsideRange(data, c.Task, c.Model.VocabSize)
                    : null,
            };
        })];
    }
}
