namespace InitBias;

/// <summary>
/// Where a run's wall time goes (StepProfile). The first four make up a training step; other is everything else:
/// setup, progress callbacks, housekeeping.
/// </summary>
public enum Phase { Data, Forward, Backward, Optimizer, Evaluation, Probes, Checkpoints, Other }
