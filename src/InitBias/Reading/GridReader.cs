using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Probes;
using InitBias.Runs;
using InitBias.Stats;
using InitBias.Tasks;
using InitBias.Theory;

namespace InitBias.Reading;

/// <summary>
/// A trained grid, read-only: its members' run folders (RunReader, one per γ and seed: evaluations as MetricRows
/// and probe lines, in step order), what each probe section recorded per member and step (the transformer's
/// embedding rows and their cosines among them); per-seed series of a statistic; the snapshot's metrics block.
/// Claims and figures read runs only through it (and the readings built on it: ReadingPoints, MixtureReadings), and
/// compute every statistic of recorded rows at read time (docs/reading.md).
/// </summary>
public sealed class GridReader
{
    private readonly ConcurrentDictionary<(double, long), RunReader> _runs = new();

    public GridDeclaration Grid { get; }
    public string Folder { get; }
    public IReadOnlyList<long> Seeds { get; }
    /// <summary>The members' config (γ and seed aside), as the grid was trained.</summary>
    public RunConfig Config { get; }
    public string Profile { get; }
    public IReadOnlyList<double> Gammas => Grid.Gammas;

    private GridReader(GridDeclaration grid, string folder, IReadOnlyList<long> seeds, RunConfig config,
        string profile)
    {
        Grid = grid; Folder = folder; Seeds = seeds; Config = config; Profile = profile;
    }

    /// <summary>Opens a grid whose every member has a completed run folder; otherwise says which is missing.</summary>
    public static GridReader Open(GridDeclaration grid, string folder, IReadOnlyList<long> seeds, RunConfig config,
        string profile)
    {
        var reader = new GridReader(grid, folder, seeds, config, profile);
        foreach (var g in grid.Gammas)
            foreach (var s in seeds)
                if (!reader.Run(g, s).Completed)
                    throw new InvalidOperationException(
                        $"{grid} has no completed run {RunFolder.MemberName(g, s)} in {folder}: train it first");
        return reader;
    }

    public string Dir(double gamma, long seed) => Path.Combine(Folder, RunFolder.MemberName(gamma, seed));

    /// <summary>One member's run folder, with the grid's config at its γ and seed.</summary>
    public RunReader Run(double gamma, long seed) => _runs.GetOrAdd((gamma, seed),
        _ => new RunReader(Dir(gamma, seed), Config with { Gamma = gamma, Seed = seed }));

    /// <summary>
    /// Every evaluation of one run in step order, the dense early ones included (where a v3 reading point may fall).
    /// </summary>
    public IReadOnlyList<MetricRow> AllRows(double gamma, long seed) => Run(gamma, seed).AllRows;

    /// <summary>
    /// The evaluations on the run's regular schedule (every train.evalEvery steps, and the last), in step order,
    /// without the dense early ones: what every rule reads, so that a statistic averaged over a curve weighs every
    /// part of training alike and a profile that evaluates densely early reads the same curve as before.
    /// </summary>
    public IReadOnlyList<MetricRow> Rows(double gamma, long seed) => Run(gamma, seed).Rows;

    public MetricRow Final(double gamma, long seed) => AllRows(gamma, seed)[^1];

    /// <summary>One evaluation of one run, dense or regular.</summary>
    public MetricRow RowAt(double gamma, long seed, int step) =>
        AllRows(gamma, seed).FirstOrDefault(r => r.Step == step)
        ?? throw new InvalidOperationException($"{Dir(gamma, seed)} has no evaluation at step {step}");

    /// <summary>
    /// The seeds a premise must hold in: 7 of 8, the count an exact one-sided sign test over 8 seeds needs
    /// (p &lt; 0.05).
    /// </summary>
    public int PremiseSeedsNeeded => Seeds.Count - Seeds.Count / 8;

    /// <summary>The last step the grid trained (the runs share it).</summary>
    public int LastStep => Final(Gammas[^1], Seeds[0]).Step;

    /// <summary>Per seed, a value computed from one run's evaluations.</summary>
    public SeedSeries PerSeed(double gamma, Func<IReadOnlyList<MetricRow>, double> f) =>
        SeedSeries.Of(Seeds, s => f(Rows(gamma, s)));

    /// <summary>Per seed, any value computed for that seed.</summary>
    public SeedSeries PerSeed(Func<long, double> f) => SeedSeries.Of(Seeds, f);

    /// <summary>The probe lines of one run (probe.jsonl) in step order, the dense early ones included.</summary>
    public IReadOnlyList<ProbeLine> AllProbes(double gamma, long seed) => Run(gamma, seed).AllProbes;

    /// <summary>The probe lines at the regular evaluations (as Rows), in step order.</summary>
    public IReadOnlyList<ProbeLine> Probes(double gamma, long seed) => Run(gamma, seed).Probes;

    /// <summary>The probe line of one run at a step, dense or regular.</summary>
    public ProbeLine ProbeAt(double gamma, long seed, int step) =>
        AllProbes(gamma, seed).FirstOrDefault(l => l.Step == step)
        ?? throw new InvalidOperationException($"{Dir(gamma, seed)} has no probe line at step {step}");

    /// <summary>The section a probe recorded for one run at a step (docs/probes.md); refused when it has none.
    /// </summary>
    public T Section<T>(double gamma, long seed, int step, ProbeSection<T> section) where T : class =>
        ProbeAt(gamma, seed, step).Get(section)
        ?? throw new InvalidOperationException($"{Dir(gamma, seed)} recorded no {section.Name} at step {step}");

    /// <summary>The evaluation steps the probe read (every regular evaluation of the run).</summary>
    public IReadOnlyList<int> ProbeSteps() => Probes(Gamma.SmallInit, Seeds[0]).Select(l => l.Step).ToList();

    /// <summary>The transformer's mechanism probe's readout at every regular evaluation of one run.</summary>
    public IReadOnlyList<MechanismReadout> Mechanism(double gamma, long seed) =>
        Probes(gamma, seed).Select(l => l.Mechanism
            ?? throw new InvalidOperationException($"{Dir(gamma, seed)}: step {l.Step} has no mechanism probe"))
            .ToList();

    public MechanismReadout FirstMechanism(double gamma, long seed) => Mechanism(gamma, seed)[0];

    public MechanismReadout LastMechanism(double gamma, long seed) => Mechanism(gamma, seed)[^1];

    /// <summary>The mechanism probe's readout of one run at a step, dense or regular.</summary>
    public MechanismReadout MechanismAt(double gamma, long seed, int step) =>
        ProbeAt(gamma, seed, step).Mechanism
        ?? throw new InvalidOperationException($"{Dir(gamma, seed)} has no mechanism probe at step {step}");

    /// <summary>The input-token embeddings (tokens 1..KeyMax, row k = token k + 1) at the last step.</summary>
    public double[][] Embeddings(double gamma, long seed) => LastMechanism(gamma, seed).Embeddings!;

    /// <summary>The initial input-token embeddings (step 0).</summary>
    public double[][] InitialEmbeddings(double gamma, long seed) => FirstMechanism(gamma, seed).Embeddings!;

    /// <summary>The input-token embeddings at an evaluation step.</summary>
    public double[][] EmbeddingsAt(double gamma, long seed, int step) =>
        MechanismAt(gamma, seed, step).Embeddings!;

    /// <summary>What training added to the input-token embeddings, w(last) − w(0).</summary>
    public double[][] LearnedPart(double gamma, long seed) =>
        MechanismStatistics.Learned(Embeddings(gamma, seed), InitialEmbeddings(gamma, seed));

    /// <summary>What training added by an evaluation step, w(step) − w(0).</summary>
    public double[][] LearnedPartAt(double gamma, long seed, int step) =>
        MechanismStatistics.Learned(EmbeddingsAt(gamma, seed, step), InitialEmbeddings(gamma, seed));

    /// <summary>
    /// The transformer's cosines among a block's embeddings at an evaluation step, from its input-token rows (C12,
    /// C16 at their reading point).
    /// </summary>
    public TokenCosines CosAt(double gamma, long seed, int step, TokenBlock block) =>
        TokenCosines.OfInputRows(EmbeddingsAt(gamma, seed, step), block);

    /// <summary>The transformer's anchor cosines at the last step (C12, C16 v1, Fig. 5A).</summary>
    public TokenCosines LastAnchorCos(double gamma, long seed) =>
        TokenCosines.OfInputRows(Embeddings(gamma, seed), Config.Task.Anchors());

    /// <summary>Cosines among the anchors of the learned part w(last) − w(0).</summary>
    public TokenCosines LearnedAnchorCos(double gamma, long seed, TokenBlock anchors) =>
        TokenCosines.OfInputRows(LearnedPart(gamma, seed), anchors);

    /// <summary>Cosines among the anchors' updates w(step) − w(0).</summary>
    public TokenCosines UpdateCosines(double gamma, long seed, int step, TokenBlock anchors) =>
        TokenCosines.OfInputRows(LearnedPartAt(gamma, seed, step), anchors);

    /// <summary>
    /// The Emb-MLP's anchor cosines at a step, computed from the rows the anchors section recorded (the
    /// transformer's come from its mechanism rows, CosAt).
    /// </summary>
    public TokenCosines AnchorCos(double gamma, long seed, int step) => TokenCosines.Among(
        AnchorRows(gamma, seed, step), ProbeAt(gamma, seed, step).Anchors!.FirstToken, Config.Task.Anchors());

    /// <summary>The anchors' rows a run recorded at a step (tokens 1..20 in order).</summary>
    public double[][] AnchorRows(double gamma, long seed, int step) =>
        ProbeAt(gamma, seed, step).Anchors?.Rows
        ?? throw new InvalidOperationException($"{Dir(gamma, seed)} has no anchor rows at step {step}");

    /// <summary>The first full-batch gradient at initialisation a run recorded at step 0 (FirstStepSpec).</summary>
    public FirstStepVelocities FirstStep(double gamma, long seed) =>
        AtStepZero(gamma, seed, FirstStepVelocities.Section, "first-step gradients");

    /// <summary>The anchors' label distributions P_s and shares r_s counted from a run's training data (step 0).
    /// </summary>
    public IReadOnlyList<LabelDistribution> LabelDistributions(double gamma, long seed)
    {
        var d = TrainingLabels(gamma, seed);
        return d.P.Select((p, k) => new LabelDistribution(d.FirstToken + k, p, d.Share[k])).ToList();
    }

    /// <summary>Prop. 1's share of each label group's gained mass outside its range, from a run's training data.
    /// </summary>
    public double[] Prop1ShareOutsideRange(double gamma, long seed) =>
        TrainingLabels(gamma, seed).Prop1ShareOutsideRange
        ?? throw new InvalidOperationException($"{Dir(gamma, seed)} recorded no label-group prediction at step 0");

    private TrainingLabelDistributions TrainingLabels(double gamma, long seed) =>
        AtStepZero(gamma, seed, TrainingLabelDistributions.Section, "label distributions");

    /// <summary>
    /// A section of the step-0 probe line. Runs trained before issue 32 computed these at read time and never recorded
    /// them: such a folder is refused with what to do, never read as something else.
    /// </summary>
    private T AtStepZero<T>(double gamma, long seed, ProbeSection<T> section, string what) where T : class
    {
        bool probed = File.Exists(Path.Combine(Dir(gamma, seed), ProbeFile.File));
        var line = probed ? AllProbes(gamma, seed).FirstOrDefault(l => l.Step == 0) : null;
        return line?.Get(section) ?? throw new InvalidOperationException(
            $"{Dir(gamma, seed)} recorded no {what} at step 0 (a run from before they were recorded, or one " +
            "trained without probes): train the grid again (initbias claim … --retrain)");
    }

    /// <summary>Initial and final metrics (all but lr) of every run at these γ, for a claim's snapshot.</summary>
    public JsonObject SnapshotMetrics(IEnumerable<double> gammas)
    {
        static JsonObject Row(MetricRow r) =>
            new(r.Values.Where(kv => kv.Key != "lr").Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        var o = new JsonObject();
        foreach (var g in gammas)
            o[Gamma.Label(g)] = new JsonObject(Seeds.Select(s =>
            {
                var m = Rows(g, s);
                return KeyValuePair.Create($"s{s}",
                    (JsonNode?)new JsonObject { ["initial"] = Row(m[0]), ["final"] = Row(m[^1]) });
            }));
        return o;
    }
}

/// <summary>
/// One evaluation of one run, a line of its metrics.jsonl, read through its groups instead of key strings.
/// </summary>
public sealed class MetricRow(IReadOnlyDictionary<string, double> values)
{
    /// <summary>
    /// Every number of the line as written (step, lr, train_loss, loss_*, acc_*), for snapshots and figures.
    /// </summary>
    public IReadOnlyDictionary<string, double> Values { get; } = values;

    public int Step => (int)Values["step"];
    public double Loss(EvalGroup g) => Values[$"loss_{g.Key()}"];
    public double Accuracy(EvalGroup g) => Values[$"acc_{g.Key()}"];

    /// <summary>
    /// The spec's ΔL within one run: (L_mem − L_group) / L_group; positive = the group is ahead of memory.
    /// </summary>
    public double DeltaL(EvalGroup g) => (Loss(EvalGroup.Mem) - Loss(g)) / Loss(g);
}
