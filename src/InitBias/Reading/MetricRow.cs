using InitBias.Tasks;

namespace InitBias.Reading;

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
