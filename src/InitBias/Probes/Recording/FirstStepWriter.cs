using InitBias.Grids;
using InitBias.Models;

namespace InitBias.Probes.Recording;

/// <summary>
/// C10 (a), C12 (FirstStepSpec): at step 0, for each member of the declared γ, the anchors' first full-batch gradient
/// at initialisation. It is computed on a one-member model built from the member's config and drawn from its init
/// stream, on the data it trains on (FirstStepVelocity, FirstStepGradients): the same arithmetic the rules made at read
/// time before issue 32, so the recorded numbers are those. A one-member model, not the ensemble's slice: torch
/// multiplies a one-member ensemble with another kernel (README, Shards), and the model without LayerNorm is not the
/// trained one anyway. In fp32 whatever the run's precision, as it was read.
/// </summary>
public sealed class FirstStepWriter : Probe<FirstStepSpec, FirstStepVelocities>
{
    public override ProbeSection<FirstStepVelocities> Section => FirstStepVelocities.Section;

    protected override ProbeRead<FirstStepVelocities> Start(FirstStepSpec spec, ProbeContext run)
    {
        int[] tokens = run.AnchorTokens();
        int first = tokens[0];
        return (step, model) =>
        {
            if (step != 0) return null;
            var device = model.Weight("W_E").device;
            using var precision = MatmulPrecision.Use(MatmulPrecision.Fp32);
            var records = new FirstStepVelocities?[run.Members.Count];
            for (int e = 0; e < records.Length; e++)
            {
                var (c, data) = (run.Members[e], run.Data[e]);
                if (!spec.Gammas.Contains(c.Gamma)) continue;
                FirstStepVelocities record;
                if (spec.WithProp1)
                {
                    var (actual, predicted) = FirstStepVelocity.Rows(c, data, device, tokens);
                    record = new FirstStepVelocities(first, actual) { Prop1 = predicted };
                }
                else record = new FirstStepVelocities(first, FirstStepGradients.Velocities(c, data, device, tokens));
                // The task and its data do not depend on the model's LayerNorm: the same samples.
                if (spec.WithoutLayerNorm)
                    record = record with
                    {
                        VelocityWithoutLayerNorm = FirstStepGradients.Velocities(
                            c with { Model = c.Model with { LayerNorm = false } }, data, device, tokens),
                    };
                records[e] = record;
            }
            return records;
        };
    }
}
