using InitBias.Grids;
using static TorchSharp.torch;

namespace InitBias.Probes
{
    /// <summary>
    /// The anchors' embedding norms ‖w_s‖ every EverySteps steps (from step 0). The spec is data in a grid
    /// declaration (Grids.ClaimGrids), so its fields are values: a record compares them (a list field needs Equals).
    /// </summary>
    public sealed record AnchorNormsSpec(int EverySteps) : ProbeSpec;

    /// <summary>What one member records at one evaluation: the norms of the anchors FirstToken, FirstToken + 1, ….
    /// Section is its key: the property "anchor_norms" of the probe.jsonl line, which its readers name too.</summary>
    public sealed record AnchorNorms(int FirstToken, double[] Norms)
    {
        public static readonly ProbeSection<AnchorNorms> Section = new("anchor_norms");
    }
}

namespace InitBias.Probes.Recording
{
    /// <summary>The recording side: found by its spec type (ProbeRecorder), so nothing else registers it.</summary>
    public sealed class AnchorNormsProbe : Probe<AnchorNormsSpec, AnchorNorms>
    {
        public override ProbeSection<AnchorNorms> Section => AnchorNorms.Section;

        /// <summary>Once per training: what does not change (tokens, inputs built from run.Data) is made here.
        /// </summary>
        protected override ProbeRead<AnchorNorms> Start(AnchorNormsSpec spec, ProbeContext run)
        {
            int[] tokens = run.AnchorTokens();
            return (step, model) =>
            {
                if (step % spec.EverySteps != 0) return null; // nothing at this evaluation
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var rows = model.Weight("W_E").narrow(1, tokens[0], tokens.Length); // [E, anchors, D]
                var norms = TensorReadout.Rows(rows.square().sum(-1).sqrt());     // [E][anchors]
                return [.. norms.Select(n => new AnchorNorms(tokens[0], n))];      // member e's section at e
            };
        }
    }
}
