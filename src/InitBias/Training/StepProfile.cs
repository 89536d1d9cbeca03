using System.Diagnostics;

namespace InitBias.Training;

/// <summary>
/// Wall time per phase of the training loop (data, forward, backward, optimizer, eval, other). CPU ops are
/// synchronous, so laps are exact there; on CUDA ops return once launched, so <paramref name="beforeRead"/> (a device
/// synchronisation, DeviceSync) runs before every clock read, or the laps would measure launch time.
/// </summary>
public sealed class StepProfile(Action? beforeRead = null)
{
    private readonly Stopwatch _clock = new();
    private readonly Dictionary<string, double> _seconds = new();

    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    public void Start()
    {
        beforeRead?.Invoke();
        _clock.Restart();
    }

    public void Lap(string phase)
    {
        beforeRead?.Invoke();
        _seconds[phase] = _seconds.GetValueOrDefault(phase) + _clock.Elapsed.TotalSeconds;
        _clock.Restart();
    }

    public void Reset() => _seconds.Clear();
}
