using System.Text.Json.Nodes;
using InitBias.Probes;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>
/// C18 v4 (CLAIMS.md, "Rules v4"): on the disjoint design, the softmax mass each group's outputs have *gained* since
/// step 0, read at t*, the first evaluation at which the memory loss is 0.5 nats below its step-0 value. v3 read the
/// total mass at 10% of training, where the logits were still near zero and the mass outside group i's range was the
/// uniform 1 − 20i/200 whatever the model did.
/// </summary>
public static class C18GainedMass
{
    /// <summary>The loss drop that defines t*: the outputs have moved (a training curve, not the statistic).</summary>
    public const double LossDrop = 0.5;

    public static RuleVersion V4(GridReader grid, JsonObject metrics)
    {
        var reads = grid.Seeds.ToDictionary(s => s, s => Read(grid, s));
        SeedSeries PerSeed(Func<Reading, double> f) => grid.PerSeed(s => f(reads[s]));
        // A seed whose loss never falls that far is read at its last evaluation and counts against both premises
        // (CLAIMS.md, "Rules v4"): accuracy 1 for the first, −1 for the second.
        var lowAccuracy = PerSeed(r => r.Reached ? r.MeanAccuracy : 1).Below(0.5).SignCheck(
            "v4_premise_accuracy_still_low", "0.5 − mean accuracy over the groups > 0 at t* (the first evaluation " +
                                             "with L_mem ≤ L_mem(0) − 0.5; 1 where t* is never reached)");
        var moved = PerSeed(r => r.Reached ? r.Gained.Min() : -1).Above(0.05).SignCheck("v4_premise_outputs_moved",
            "min over groups of the mass gained since step 0 − 0.05 > 0 at t* (−1 where t* is never reached)");
        ClaimCheck[] checks =
        [
            PerSeed(r => r.ShareOutside.Max()).Below(0.1).SignCheck("v4_gained_mass_inside_each_range",
                "0.1 − max over groups of the share of the mass gained since step 0 outside the group's range > 0 " +
                "at t*"),
            PerSeed(r => r.OwnLabelsGain.Min()).SignCheck("v4_each_group_gains_on_the_labels_its_range_adds",
                "min over groups i = 2..4 of (group i's gained mass on the labels its range adds to group " +
                "i−1's − group i−1's gained mass there) > 0 at t*"),
        ];
        var names = checks.Select(c => c.Name).ToList();
        metrics["v4_gained_mass"] = new JsonObject(grid.Seeds.Select(s =>
            KeyValuePair.Create($"s{s}", (JsonNode?)reads[s].ToJson())));
        return RuleVersion.V4("v4", checks, new GatedPremise(lowAccuracy, names), new GatedPremise(moved, names));
    }

    /// <summary>One seed's γ 0.8 run at t*: per group the gained mass and its share outside the range.</summary>
    public sealed record Reading(int Step, bool Reached, double MeanAccuracy, double[] Gained, double[] ShareOutside,
        double[] OwnLabelsGain)
    {
        public JsonObject ToJson() => new()
        {
            ["step"] = Step,
            ["reached"] = Reached,
            ["mean_accuracy"] = MeanAccuracy,
            ["gained_mass"] = Array(Gained),
            ["share_outside_range"] = Array(ShareOutside),
            ["gain_on_added_labels_minus_group_below"] = Array(OwnLabelsGain),
        };

        private static JsonArray Array(double[] values) => new(values.Select(v => (JsonNode?)v).ToArray());
    }

    public static Reading Read(GridReader grid, long seed)
    {
        var rows = grid.Rows(SmallInit, seed);
        double start = rows[0].Loss(EvalGroup.Mem);
        var hit = rows.FirstOrDefault(r => r.Loss(EvalGroup.Mem) <= start - LossDrop);
        int step = hit?.Step ?? rows[^1].Step;
        return Of(step, hit is not null, grid.ProbeAt(SmallInit, seed, rows[0].Step).Outputs!,
            grid.ProbeAt(SmallInit, seed, step).Outputs!);
    }

    /// <summary>The gains from the groups' outputs at step 0 and at the step read.</summary>
    public static Reading Of(int step, bool reached, GroupOutputs[] initial, GroupOutputs[] now)
    {
        double Gain(int g, int lo, int hi)
        {
            double sum = 0;
            for (int y = Math.Max(lo, 0); y <= Math.Min(hi, now[g].MeanProbability.Length - 1); y++)
                sum += Math.Max(now[g].MeanProbability[y] - initial[g].MeanProbability[y], 0);
            return sum;
        }
        int top = now[0].MeanProbability.Length - 1;
        var gained = now.Select((_, g) => Gain(g, 0, top)).ToArray();
        var outside = now.Select((x, g) => gained[g] > 0
            ? (Gain(g, 0, x.LabelMin - 1) + Gain(g, x.LabelMax + 1, top)) / gained[g] : 1.0).ToArray();
        var own = Enumerable.Range(1, now.Length - 1).Select(g =>
            Gain(g, now[g - 1].LabelMax + 1, now[g].LabelMax) - Gain(g - 1, now[g - 1].LabelMax + 1, now[g].LabelMax))
            .ToArray();
        return new Reading(step, reached, now.Average(x => x.Accuracy), gained, outside, own);
    }
}
