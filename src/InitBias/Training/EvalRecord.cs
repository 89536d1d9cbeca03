namespace InitBias.Training;

/// <summary>
/// One evaluation: the step (optimizer steps done), the learning rate in force, and per member the metrics in a fixed
/// order: train_loss (mean over the steps since the previous evaluation; absent at step 0), then loss_/acc_ per group.
/// </summary>
public sealed record EvalRecord(int Step, double Lr,
    IReadOnlyList<IReadOnlyList<KeyValuePair<string, double>>> Members);
