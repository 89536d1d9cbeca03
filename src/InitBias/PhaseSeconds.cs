using System.Globalization;
using System.Text.Json.Serialization;

namespace InitBias;

/// <summary>
/// Seconds per phase of a run, as summary.json records them (phaseSeconds), or another quantity per phase (the
/// shares `initbias bench` prints). Data: StepProfile measures it, readers read it.
/// </summary>
public sealed record PhaseSeconds(double Data, double Forward, double Backward, double Optimizer, double Evaluation,
    double Probes, double Checkpoints, double Other)
{
    public static readonly IReadOnlyList<Phase> All = Enum.GetValues<Phase>();

    /// <summary>The phases of one training step, in the order Describe lists them.</summary>
    public static readonly IReadOnlyList<Phase> TrainingStep = [Phase.Forward, Phase.Backward, Phase.Optimizer,
        Phase.Data];

    public static PhaseSeconds From(Func<Phase, double> seconds) => new(seconds(Phase.Data), seconds(Phase.Forward),
        seconds(Phase.Backward), seconds(Phase.Optimizer), seconds(Phase.Evaluation), seconds(Phase.Probes),
        seconds(Phase.Checkpoints), seconds(Phase.Other));

    public double this[Phase phase] => phase switch
    {
        Phase.Data => Data,
        Phase.Forward => Forward,
        Phase.Backward => Backward,
        Phase.Optimizer => Optimizer,
        Phase.Evaluation => Evaluation,
        Phase.Probes => Probes,
        Phase.Checkpoints => Checkpoints,
        Phase.Other => Other,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    [JsonIgnore] public double Total => All.Sum(p => this[p]);

    /// <summary>
    /// One line of shares of the total and the total itself, e.g. "time: train 81% (forward 25%, backward 41%,
    /// optimizer 12%, data 1%), evaluation 11%, probes 7%, checkpoints 0%, other 1% of 12.3 s", for logs and
    /// `initbias run`.
    /// </summary>
    public string Describe()
    {
        double total = Total;
        string Share(double s) => total > 0
            ? (100 * s / total).ToString("0", CultureInfo.InvariantCulture) + "%"
            : "0%";
        string Named(Phase p) => $"{Name(p)} {Share(this[p])}";
        string step = string.Join(", ", TrainingStep.Select(Named));
        var rest = All.Except(TrainingStep).Select(Named);
        return $"time: train {Share(TrainingStep.Sum(p => this[p]))} ({step}), {string.Join(", ", rest)} of " +
               total.ToString("0.0", CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>The phase as summary.json names it.</summary>
    public static string Name(Phase phase) => phase.ToString().ToLowerInvariant();
}
