using System.Diagnostics;

namespace InitBias.Training;

/// <summary>
/// Wall time per phase of a run (Phase). Laps are contiguous: each lap charges the time since the previous one (or
/// since Start) to its phase, so the phases add up to the time between Start and the last lap. CPU ops are
/// synchronous, so laps are exact there; on CUDA ops return once launched, so <paramref name="beforeRead"/> (a device
/// synchronisation, DeviceSync) runs before every clock read, or the laps would measure launch time.
/// </summary>
public sealed class StepProfile(Action? beforeRead = null)
{
    private readonly Stopwatch _clock = new();
    private readonly double[] _seconds = new double[PhaseSeconds.All.Count];

    public PhaseSeconds Seconds => PhaseSeconds.From(p => _seconds[(int)p]);

    public void Start()
    {
        beforeRead?.Invoke();
        _clock.Restart();
    }

    /// <summary>Charges the time since the last lap (or Start; none if never started) to the phase.</summary>
    public void Lap(Phase phase)
    {
        beforeRead?.Invoke();
        _seconds[(int)phase] += _clock.Elapsed.TotalSeconds;
        _clock.Restart();
    }

    public void Reset() => Array.Clear(_seconds);

    /// <summary>Every phase (0 when it never ran), rounded to milliseconds.</summary>
    public PhaseSeconds Rounded() => PhaseSeconds.From(p => Math.Round(_seconds[(int)p], 3));
}
