namespace InitBias.Tasks;

/// <summary>The evaluation groups of spec §3.2. Memory has no test set: all of it is training data.</summary>
public enum EvalGroup
{
    Mem = 0,
    RsnTrain = 1,
    RsnTest = 2,
    /// <summary>Real data: PrOntoQA windows of the training mixture.</summary>
    ProntoQa = 3,
    /// <summary>Real data: TinyStories windows of the training mixture.</summary>
    TinyStories = 4,
}

public static class EvalGroups
{
    public static readonly EvalGroup[] All =
        [EvalGroup.Mem, EvalGroup.RsnTrain, EvalGroup.RsnTest, EvalGroup.ProntoQa, EvalGroup.TinyStories];

    /// <summary>The metric-name suffix: mem, rsn_train, rsn_test.</summary>
    public static string Key(this EvalGroup g) => g switch
    {
        EvalGroup.Mem => "mem",
        EvalGroup.RsnTrain => "rsn_train",
        EvalGroup.RsnTest => "rsn_test",
        EvalGroup.ProntoQa => "pq",
        EvalGroup.TinyStories => "ts",
        _ => throw new ArgumentOutOfRangeException(nameof(g)),
    };

    public static bool IsTraining(this EvalGroup g) => g != EvalGroup.RsnTest;
}
