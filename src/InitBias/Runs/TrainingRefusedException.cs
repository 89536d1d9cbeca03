namespace InitBias.Runs;

/// <summary>
/// A grid would have to train more members than the run may (an evaluation after shards, TrainingContext
/// .EvaluatesShards). Its message is one line that names the members and why they could not be reused.
/// </summary>
public sealed class TrainingRefusedException(string message) : InvalidOperationException(message);
