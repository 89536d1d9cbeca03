using System.Diagnostics;

namespace InitBias.Training;

/// <summary>
/// Wall time per phase of the training loop (data, forward, backward, optimizer, eval, other). CPU ops are
/// synchronous, so laps are exact there; on CUDA they measure launch time unless the device is synchronised.
/// </summary>
public sealed class StepProfile
{
    private readonly Stopwatch _clock = new();
    private readonly Dictionary<string, double> _seconds = new();

    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    public void Start() => _clock.Restart();

    public void Lap(string phase)
    {
        _seconds[phase] = _seconds.GetValueOrDefault(phase) + _clock.Elapsed.TotalSeconds;
        _clock.Restart();
    }

    public void Reset() => _seconds.Clear();
}
