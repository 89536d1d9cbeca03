using InitBias.Grids;
using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// At chosen steps, the anchor embedding rows (memory and reasoning anchors, tokens 1..20) of every member from W_E.
/// Their cosines are a function of the rows and are computed at read time (docs/reading.md).
/// </summary>
public sealed class AnchorEmbeddingsWriter : Probe<AnchorEmbeddingsSpec, AnchorEmbeddings>
{
    public override ProbeSection<AnchorEmbeddings> Section => ProbeLine.AnchorsSection;

    protected override ProbeRead<AnchorEmbeddings> Start(AnchorEmbeddingsSpec spec, ProbeContext run) =>
        Create(ClaimGrids.StepsOf(spec.Steps, run.Members[0], run.Profile), run.Members[0].Task);

    private static ProbeRead<AnchorEmbeddings> Create(IReadOnlySet<int> steps, CompositionTaskConfig task)
    {
        var anchors = task.Anchors();
        return (step, model) =>
        {
            if (!steps.Contains(step)) return null;
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            // Only the anchors' rows leave the device, not all of W_E: the rows Slice(W_E, 0) would pick.
            var (from, to) = anchors.Indices(0);
            var rows = TensorReadout.Stack(model.Weight("W_E").narrow(1, from, to - from)); // [E][anchors][D]
            return [.. rows.Select(r => new AnchorEmbeddings(anchors.First, r))];
        };
    }
}
