using InitBias.Grids;
using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// At chosen steps, the anchor embedding rows (memory and reasoning anchors, tokens 1..20) of every member from W_E.
/// Their cosines are a function of the rows and are computed at read time (docs/reading.md), so the rows are always
/// recorded: withRows is kept for the declarations (Grids.AnchorEmbeddingsSpec) and no longer changes what is written.
/// </summary>
public sealed class AnchorEmbeddingsWriter : Probe<AnchorEmbeddingsSpec, AnchorEmbeddings>
{
    public override ProbeSection<AnchorEmbeddings> Section => ProbeLine.AnchorsSection;

    protected override ProbeRead<AnchorEmbeddings> Start(AnchorEmbeddingsSpec spec, ProbeContext run) =>
        Create(ClaimGrids.StepsOf(spec.Steps, run.Members[0], run.Profile), run.Members[0].Task, spec.WithRows);

    private static ProbeRead<AnchorEmbeddings> Create(IReadOnlySet<int> steps, CompositionTaskConfig task,
        bool withRows)
    {
        _ = withRows;
        var anchors = task.Anchors();
        return (step, model) =>
        {
            if (!steps.Contains(step)) return null;
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var rows = TensorReadout.Stack(model.Weight("W_E")); // [E][V][D]
            return [.. rows.Select(r => new AnchorEmbeddings(anchors.First, anchors.Slice(r, 0)))];
        };
    }
}
