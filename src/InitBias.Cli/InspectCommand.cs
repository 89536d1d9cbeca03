using System.CommandLine;
using System.Globalization;
using InitBias.Figures;
using InitBias.Pipeline;
using InitBias.Reading;

namespace InitBias.Cli;

/// <summary>
/// `initbias inspect RUNDIR`: the mechanism statistics (C12-C16, C20) of any transformer run or grid with the
/// mechanism probe, per evaluation, as a table (or JSON), and a figure of each statistic against the step with the
/// rules' thresholds (InspectionThresholds).
/// </summary>
public static class InspectCommand
{
    public static Command Build()
    {
        var dir = new Argument<string>("rundir") { Description = "a run folder, or a grid folder of run folders" };
        var json = new Option<bool>("--json") { Description = "print JSON instead of the table" };
        var figure = new Option<string?>("--figure")
        {
            Description = "figure file: PATH.png or PATH.svg writes that one file, any other PATH both PATH.png and " +
                          "PATH.svg (default RUNDIR/inspect: both); 'none' skips it"
        };
        var cmd = new Command("inspect",
            "Print the mechanism statistics of a transformer run (or grid) per evaluation, and draw them")
        {
            dir, json, figure
        };
        cmd.SetAction(p =>
        {
            IReadOnlyList<InspectedRun> runs;
            string path = p.GetValue(dir)!;
            try
            {
                if (MixtureInspection.IsMixture(RunReader.RunFolders(path)[0]))
                    return Mixture(MixtureInspection.Inspect(path), p.GetValue(json));
                runs = RunInspection.Inspect(path);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"initbias inspect: {ex.Message}");
                return 2;
            }
            if (p.GetValue(json)) Console.WriteLine(RunInspection.ToJson(runs).ToJsonString(Json.Options));
            else foreach (var run in runs) Print(run);
            string target = p.GetValue(figure) ?? Path.Combine(path, "inspect");
            if (target != "none")
            {
                var files = InspectionFigure.Write(runs, target, InspectionThresholds.All);
                if (!p.GetValue(json)) Console.WriteLine($"figure: {string.Join(", ", files)}");
            }
            return 0;
        });
        return cmd;
    }

    /// <summary>gpt2-mix runs: C2's readings and C3's cosines per evaluation (no figure).</summary>
    private static int Mixture(IReadOnlyList<InspectedMixture> runs, bool json)
    {
        if (json)
        {
            Console.WriteLine(MixtureInspection.ToJson(runs).ToJsonString(Json.Options));
            return 0;
        }
        static string F(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";
        foreach (var run in runs)
        {
            Console.WriteLine($"{run.Dir}  (γ {run.Gamma.ToString(CultureInfo.InvariantCulture)}, seed {run.Seed}): " +
                              $"ΔL at matched steps {F(run.MatchedSteps)}, at matched progress " +
                              $"{F(run.MatchedProgress)}; C3's early step {run.EarlyStep}, marked *");
            Console.WriteLine(string.Join(" ", new[] { "step", "loss_pq", "loss_ts", "dL", "cos_pq", "cos_ts" }
                .Select(h => h.PadLeft(9))));
            foreach (var r in run.Rows)
                Console.WriteLine(((r.Step == run.EarlyStep ? "*" : "") + r.Step).PadLeft(9) + " " + string.Join(" ",
                    new[] { r.LossPq, r.LossTs, r.DeltaL, r.CosPq, r.CosTs }.Select(v => F(v).PadLeft(9))));
            Console.WriteLine();
        }
        return 0;
    }

    private static readonly string[] Header =
        ["step", "acc_rsn", "rho", "mem-rsn", "mem-rsn dw", "key pca", "s1/s2", "u1 gap", "probe L2", "attn key",
         "attn ctl", "eq14 max", "eq14 shp", "erank w", "erank dw", "|cos| dw"];

    private static void Print(InspectedRun run)
    {
        string progress = run.ProgressStep is { } p ? $"step {p}, marked *" : "not reached";
        string onset = run.OnsetStep is { } o ? $"step {o}, marked >" : "not reached";
        string gamma = run.Gamma.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"{run.Dir}  (γ {gamma}, seed {run.Seed}; progress point: {progress}; onset: {onset})");
        Console.WriteLine(string.Join(" ", Header.Select(h => h.PadLeft(9))));
        foreach (var r in run.Rows)
        {
            string step = (r.Step == run.ProgressStep ? "*" : r.Step == run.OnsetStep ? ">" : "")
                          + r.Step.ToString(CultureInfo.InvariantCulture);
            double[] values =
            [
                r.AccRsnTrain, r.Rho, r.MemMinusRsnCos, r.MemMinusRsnCosLearned, r.KeyPcaOrder, r.WvRatio, r.U1Gap,
                r.KeyProbeLayer2 ?? double.NaN, r.KeyProbeAttnOut ?? double.NaN, r.ControlProbeAttnOut ?? double.NaN,
                r.Eq14MaxDifference, r.Eq14Shape, r.Erank, r.ErankLearned, r.MeanAbsCosLearned,
            ];
            Console.WriteLine(step.PadLeft(9) + " " + string.Join(" ", values.Select(v =>
                (double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-").PadLeft(9))));
        }
        Console.WriteLine();
    }
}
