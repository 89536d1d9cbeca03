using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Models;

namespace InitBias.Probes.Recording;

/// <summary>
/// C10 (a), C12 (FirstStepSpec): at step 0, for each member of the declared γ, the anchors' first full-batch gradient
/// at initialisation. It is computed on a one-member model built from the member's config and drawn from its init
/// stream, on its training data (FirstStepVelocity, FirstStepGradients): the same arithmetic the rules made at read
/// time before issue 32, so the recorded numbers are those. A one-member model, not the ensemble's slice: torch
/// multiplies a one-member ensemble with another kernel (README, Shards), and the model without LayerNorm is not the
/// trained one anyway. In fp32 whatever the run's precision, as it was read.
/// </summary>
public static class FirstStepWriter
{
    public static SectionWriter Create(FirstStepSpec spec, IReadOnlyList<RunConfig> members)
    {
        var task = members[0].Task;
        int first = Math.Min(task.MemAnchorMin, task.RsnAnchorMin);
        int last = Math.Max(task.MemAnchorMax, task.RsnAnchorMax);
        int[] tokens = [.. Enumerable.Range(first, last - first + 1)];
        return (step, model, lines) =>
        {
            if (step != 0) return;
            var device = model.Weight("W_E").device;
            using var precision = MatmulPrecision.Use(MatmulPrecision.Fp32);
            for (int e = 0; e < members.Count; e++)
            {
                var c = members[e];
                if (!spec.Gammas.Contains(c.Gamma)) continue;
                FirstStepVelocities record;
                if (spec.WithProp1)
                {
                    var (actual, predicted) = FirstStepVelocity.Rows(c, device, tokens);
                    record = new FirstStepVelocities(first, actual) { Prop1 = predicted };
                }
                else record = new FirstStepVelocities(first, FirstStepGradients.Velocities(c, device, tokens));
                if (spec.WithoutLayerNorm)
                    record = record with
                    {
                        VelocityWithoutLayerNorm = FirstStepGradients.Velocities(
                            c with { Model = c.Model with { LayerNorm = false } }, device, tokens),
                    };
                lines[e] = lines[e] with { FirstStep = record };
            }
        };
    }
}
