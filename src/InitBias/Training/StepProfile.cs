using System.Diagnostics;
using System.Globalization;

namespace InitBias.Training;

/// <summary>
/// Wall time per phase of a run: the training step's data, forward, backward and optimizer, then evaluation, probes,
/// checkpoints and other (everything else: setup, progress callbacks, housekeeping). Laps are contiguous: each lap
/// charges the time since the previous one (or since Start) to its phase, so the phases add up to the time between
/// Start and the last lap. CPU ops are synchronous, so laps are exact there; on CUDA ops return once launched, so
/// <paramref name="beforeRead"/> (a device synchronisation, DeviceSync) runs before every clock read, or the laps
/// would measure launch time.
/// </summary>
public sealed class StepProfile(Action? beforeRead = null)
{
    public const string Data = "data", Forward = "forward", Backward = "backward", Optimizer = "optimizer",
        Evaluation = "evaluation", Probes = "probes", Checkpoints = "checkpoints", Other = "other";

    /// <summary>Every phase in the order summaries list them; the first four make up a training step.</summary>
    public static readonly IReadOnlyList<string> Phases =
        [Data, Forward, Backward, Optimizer, Evaluation, Probes, Checkpoints, Other];

    private static readonly string[] TrainingStep = [Forward, Backward, Optimizer, Data];

    private readonly Stopwatch _clock = new();
    private readonly Dictionary<string, double> _seconds = new();

    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    public void Start()
    {
        beforeRead?.Invoke();
        _clock.Restart();
    }

    /// <summary>Charges the time since the last lap (or Start; none if never started) to the phase.</summary>
    public void Lap(string phase)
    {
        beforeRead?.Invoke();
        _seconds[phase] = _seconds.GetValueOrDefault(phase) + _clock.Elapsed.TotalSeconds;
        _clock.Restart();
    }

    public void Reset() => _seconds.Clear();

    /// <summary>Every phase (0 when it never ran), rounded to milliseconds, in the order of Phases.</summary>
    public IReadOnlyDictionary<string, double> Rounded() =>
        Phases.ToDictionary(p => p, p => Math.Round(_seconds.GetValueOrDefault(p), 3));

    /// <summary>
    /// One line of shares of the phases' total, e.g. "time: train 81% (forward 25%, backward 41%, optimizer 12%,
    /// data 1%), evaluation 11%, probes 7%, checkpoints 0%, other 1%", for logs and `initbias run`.
    /// </summary>
    public static string Describe(IReadOnlyDictionary<string, double> seconds)
    {
        double total = seconds.Values.Sum();
        string Share(double s) => total > 0
            ? (100 * s / total).ToString("0", CultureInfo.InvariantCulture) + "%"
            : "0%";
        double Of(string phase) => seconds.GetValueOrDefault(phase);
        string step = string.Join(", ", TrainingStep.Select(p => $"{p} {Share(Of(p))}"));
        var rest = Phases.Except(TrainingStep).Select(p => $"{p} {Share(Of(p))}");
        return $"time: train {Share(TrainingStep.Sum(Of))} ({step}), {string.Join(", ", rest)}";
    }
}
