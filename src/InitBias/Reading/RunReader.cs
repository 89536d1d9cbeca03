using System.Text.Json;
using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Probes;
using InitBias.Runs;

namespace InitBias.Reading;

/// <summary>
/// One run folder, read-only: its config (config.json), evaluations (metrics.jsonl as MetricRows), probe lines
/// (probe.jsonl) and summary (summary.json), each parsed once, here and nowhere else. Claims and figures reach it
/// through GridReader; `inspect` and the report open it directly. What it returns is what the run recorded; the
/// statistics of recorded rows are computed by the readings (docs/reading.md).
/// </summary>
public sealed class RunReader
{
    private readonly Lazy<RunConfig> _config;
    private readonly Lazy<IReadOnlyList<MetricRow>> _allRows, _rows;
    private readonly Lazy<IReadOnlyList<ProbeLine>> _allProbes, _probes;
    private readonly Lazy<JsonObject?> _summary;
    private readonly Lazy<string?> _experiment;

    public string Dir { get; }

    /// <summary>A run whose config the caller knows (a grid member: the grid's config at its γ and seed).</summary>
    public RunReader(string dir, RunConfig config) : this(dir, () => config) { }

    private RunReader(string dir, Func<RunConfig> config)
    {
        Dir = dir;
        _config = new(config);
        _allRows = new(() => RunFolder.ReadMetrics(dir).Select(r => new MetricRow(r)).ToList());
        _rows = new(() => AllRows.Where(r => Config.IsRegularEvaluation(r.Step)).ToList());
        _allProbes = new(() => ProbeFile.Read(dir));
        _probes = new(() => AllProbes.Where(l => Config.IsRegularEvaluation(l.Step)).ToList());
        _summary = new(() => RunFolder.ReadSummary(dir));
        _experiment = new(() => RunFolder.ReadConfig(dir)?["config"]?["experiment"] is JsonValue v
                                && v.TryGetValue(out string? e) ? e : null);
    }

    /// <summary>A run folder on its own: its config is read from config.json when first needed.</summary>
    public static RunReader Open(string dir) => new(dir, () => ReadConfig(dir));

    /// <summary>The run folders under a path: itself when it is a run, else its member folders (name order).</summary>
    public static IReadOnlyList<string> RunFolders(string path)
    {
        if (!Directory.Exists(path)) throw new ArgumentException($"{path} is not a folder");
        if (File.Exists(Path.Combine(path, RunFolder.ConfigFile))) return [path];
        var members = Directory.EnumerateDirectories(path)
            .Where(d => File.Exists(Path.Combine(d, RunFolder.ConfigFile))).Order(StringComparer.Ordinal).ToList();
        return members.Count > 0 ? members
            : throw new ArgumentException($"{path} holds no run ({RunFolder.ConfigFile}, or member folders with one)");
    }

    /// <summary>The run's config, γ and seed included.</summary>
    public RunConfig Config => _config.Value;

    /// <summary>The experiment config.json names, without reading the rest of the config (null if unreadable).
    /// </summary>
    public string? Experiment => _experiment.Value;

    /// <summary>summary.json, or null when absent or unreadable (a run that never finished).</summary>
    public JsonObject? Summary => _summary.Value;

    /// <summary>Whether summary.json says the run completed.</summary>
    public bool Completed => Summary?["completed"] is JsonValue v && v.TryGetValue(out bool done) && done;

    /// <summary>The training time summary.json records (this session's; 0 when it records none).</summary>
    public double WallSeconds =>
        Summary?["wallSeconds"] is JsonValue v && v.TryGetValue(out double seconds) ? seconds : 0;

    /// <summary>Seconds by phase summary.json records, or null when it records none (summaries written before phase
    /// timing, and CUDA runs).</summary>
    public PhaseSeconds? PhaseSeconds => Summary?["phaseSeconds"]?.Deserialize<PhaseSeconds>(Json.Options);

    /// <summary>Every evaluation in step order, the dense early ones included.</summary>
    public IReadOnlyList<MetricRow> AllRows => _allRows.Value;

    /// <summary>
    /// The evaluations on the run's regular schedule (every train.evalEvery steps, and the last), without the dense
    /// early ones: what every rule reads, so a statistic averaged over a curve weighs every part of training alike.
    /// </summary>
    public IReadOnlyList<MetricRow> Rows => _rows.Value;

    public bool HasProbes => File.Exists(Path.Combine(Dir, ProbeFile.File));

    /// <summary>The probe lines (probe.jsonl) in step order, the dense early ones included.</summary>
    public IReadOnlyList<ProbeLine> AllProbes => _allProbes.Value;

    /// <summary>The probe lines at the regular evaluations (as Rows).</summary>
    public IReadOnlyList<ProbeLine> Probes => _probes.Value;

    private static RunConfig ReadConfig(string dir)
    {
        var doc = RunFolder.ReadConfig(dir) ?? throw new ArgumentException($"{dir}: unreadable {RunFolder.ConfigFile}");
        try
        {
            return doc["config"].Deserialize<RunConfig>(Json.Options)
                   ?? throw new ArgumentException($"{dir}: {RunFolder.ConfigFile} holds no run config");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentNullException)
        {
            throw new ArgumentException($"{dir}: {RunFolder.ConfigFile} holds no run config");
        }
    }
}
