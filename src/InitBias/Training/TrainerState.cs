using static TorchSharp.torch;

namespace InitBias.Training;

/// <summary>
/// Everything a training run needs to continue exactly where it stopped, for all E members stacked on dim 0: the
/// parameters (module order), AdamW's moments and step count, each member's order generator and the epoch order it
/// is reading (row indices local to the member), the cursor into that order, and the train-loss sum since the last
/// evaluation. Step is the number of optimiser steps taken. Tensors are CPU copies owned by this object.
/// </summary>
public sealed class TrainerState : IDisposable
{
    public required int Step { get; init; }
    public required long Cursor { get; init; }
    public required int AdamStep { get; init; }
    public required int SinceEval { get; init; }
    public required IReadOnlyList<Tensor> Parameters { get; init; }
    public required IReadOnlyList<Tensor> FirstMoments { get; init; }
    public required IReadOnlyList<Tensor> SecondMoments { get; init; }
    /// <summary>[E] generator states (byte tensors), one per member.</summary>
    public required IReadOnlyList<Tensor> GeneratorStates { get; init; }
    /// <summary>[E, N] or null before the first epoch is drawn.</summary>
    public required Tensor? Order { get; init; }
    /// <summary>[E] float64.</summary>
    public required Tensor TrainLossSum { get; init; }

    public int Members => (int)TrainLossSum.shape[0];

    public void Dispose()
    {
        foreach (var t in Parameters.Concat(FirstMoments).Concat(SecondMoments).Concat(GeneratorStates)) t.Dispose();
        Order?.Dispose();
        TrainLossSum.Dispose();
    }
}
