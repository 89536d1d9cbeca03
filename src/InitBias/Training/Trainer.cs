using InitBias.Models;
using InitBias.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Training;

/// <summary>
/// Trains an ensemble (E ≥ 1 stacked members) with last-token or next-token cross-entropy (TrainConfig.Objective).
/// It knows nothing about claims: it takes
/// a model, data, a config and one order seed per member, and reports evaluations through a callback.
/// </summary>
public sealed class Trainer(TrainConfig config)
{
    public Action<EvalRecord>? OnEval { get; init; }
    public Action<int>? OnStep { get; init; }
    /// <summary>
    /// Called after each optimiser step with the step index (0-based), the rows the step trained on [E, B, L+1] and
    /// the per-member losses [E] of its forward pass: for parity exports (Parity/ParityExport). The tensors are only
    /// read, inside the step's dispose scope, so the numbers stay the same with or without it.
    /// </summary>
    public Action<int, Tensor, Tensor>? OnBatch { get; init; }
    /// <summary>Optional phase timing (ExperimentRunner, `initbias bench`): the trainer laps its own phases; setup
    /// before the first step and each step's housekeeping go to "other".</summary>
    public StepProfile? Profile { get; init; }
    /// <summary>Continue from this state instead of the model's current weights and step 0.</summary>
    public TrainerState? ResumeFrom { get; init; }
    /// <summary>
    /// Called with the full state after every evaluation at a multiple of CheckpointEvery (before the last step),
    /// and when a cancellation stops the run. The callee owns (and disposes) the state.
    /// </summary>
    public Action<TrainerState>? OnCheckpoint { get; init; }
    public int CheckpointEvery { get; init; }

    public void Run(IEnsembleModel model, EnsembleData data, IReadOnlyList<ulong> orderSeeds,
        CancellationToken cancel = default)
    {
        int e = model.Members, b = config.BatchSize, len = data.SeqLen;
        if (orderSeeds.Count != e || data.Members != e)
            throw new ArgumentException("one order seed and one data set per member");
        if (b > data.TrainCount)
            throw new ArgumentException($"batch size {b} exceeds the {data.TrainCount} training samples");
        var device = data.Train.device;
        var schedule = new LrSchedule(config);
        var generators = orderSeeds.Select(s => new RandomStream(s)).ToArray();
        using var optimizer = new StackedAdamW(model.Module.parameters(), e, config);
        using var offsets = (arange(e, dtype: ScalarType.Int64, device: device) * data.TrainCount).unsqueeze(1);
        using var trainLossSum = zeros(e, dtype: ScalarType.Float64, device: device);
        Tensor? order = null;
        long cursor = 0;
        int sinceEval = 0, start = 0;
        if (ResumeFrom is { } r)
        {
            if (r.Members != e) throw new ArgumentException($"the checkpoint has {r.Members} members, not {e}");
            Restore(r, model, optimizer, generators, trainLossSum);
            order = r.Order?.to(device).add(offsets).DetachFromDisposeScope();
            (cursor, sinceEval, start) = (r.Cursor, r.SinceEval, r.Step);
        }
        using var precision = MatmulPrecision.Use(config.Precision);
        TrainerState Capture(int step)
        {
            using var scope = NewDisposeScope();
            var (adamStep, m, v) = optimizer.Capture();
            return new()
            {
                Step = step,
                Cursor = cursor,
                AdamStep = adamStep,
                SinceEval = sinceEval,
                Parameters = model.Module.parameters().Select(CpuCopy).ToArray(),
                FirstMoments = m,
                SecondMoments = v,
                GeneratorStates = generators.Select(g => g.State().DetachFromDisposeScope()).ToArray(),
                Order = order is null ? null : CpuCopy(order.sub(offsets)),
                TrainLossSum = CpuCopy(trainLossSum),
            };
        }

        Profile?.Lap(Phase.Other);
        try
        {
            for (int step = start; step <= config.Steps; step++)
            {
                // A resumed run has already evaluated its first step when that step was an evaluation step.
                bool evaluated = step == start && ResumeFrom is not null;
                if (!evaluated && config.EvaluatesAt(step))
                {
                    var record = Evaluate(model, data, step, schedule.At(Math.Min(step, config.Steps - 1)),
                        trainLossSum, sinceEval);
                    StackedAdamW.Release(trainLossSum, trainLossSum.zero_());
                    sinceEval = 0;
                    OnEval?.Invoke(record);
                    Profile?.Lap(Phase.Evaluation);
                    if (CheckpointEvery > 0 && step % CheckpointEvery == 0 && step > 0 && step < config.Steps)
                    {
                        OnCheckpoint?.Invoke(Capture(step));
                        Profile?.Lap(Phase.Checkpoints);
                    }
                }
                if (step == config.Steps) break;
                if (cancel.IsCancellationRequested)
                {
                    OnCheckpoint?.Invoke(Capture(step));
                    Profile?.Lap(Phase.Checkpoints);
                    break;
                }

                if (order is null || cursor + b > data.TrainCount)
                {
                    order?.Dispose();
                    order = Reshuffle(generators, data.TrainCount, device).add_(offsets).DetachFromDisposeScope();
                    cursor = 0;
                }

                using (NewDisposeScope())
                {
                    var idx = order.narrow(1, cursor, b).reshape(-1);
                    var batch = data.Train.index_select(0, idx).reshape(e, b, len + 1);
                    Profile?.Lap(Phase.Data);
                    var (logits, targets) = Predict(model, batch, len);
                    var losses = nn.functional.cross_entropy(
                            logits.reshape(targets.numel(), -1), targets.reshape(-1), reduction: nn.Reduction.None)
                        .reshape(e, -1).mean([1]);
                    Profile?.Lap(Phase.Forward);
                    losses.sum().backward();
                    Profile?.Lap(Phase.Backward);
                    optimizer.ClipGradients();
                    optimizer.Step(schedule.At(step));
                    optimizer.ZeroGrad();
                    Profile?.Lap(Phase.Optimizer);
                    using (no_grad()) trainLossSum.add_(losses.detach().to(ScalarType.Float64));
                    OnBatch?.Invoke(step, batch, losses.detach());
                }
                cursor += b;
                sinceEval++;
                if ((step + 1) % CollectEvery == 0) CollectFinalizableNatives();
                OnStep?.Invoke(step + 1);
                Profile?.Lap(Phase.Other);
            }
        }
        finally
        {
            order?.Dispose();
            foreach (var g in generators) g.Dispose();
        }
    }

    private static Tensor CpuCopy(Tensor t)
    {
        using var _ = no_grad();
        return t.detach().cpu().clone().DetachFromDisposeScope();
    }

    private static void Restore(TrainerState r, IEnsembleModel model, StackedAdamW optimizer,
        RandomStream[] generators,
        Tensor trainLossSum)
    {
        using var _ = no_grad();
        var parameters = model.Module.parameters().ToArray();
        if (parameters.Length != r.Parameters.Count)
            throw new ArgumentException("the checkpoint holds other parameters than the model");
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!parameters[i].shape.SequenceEqual(r.Parameters[i].shape))
                throw new ArgumentException("the checkpoint's parameters have other shapes than the model's");
            StackedAdamW.Release(parameters[i], parameters[i].copy_(r.Parameters[i]));
        }
        optimizer.Restore(r.AdamStep, r.FirstMoments, r.SecondMoments);
        for (int m = 0; m < generators.Length; m++) generators[m].Restore(r.GeneratorStates[m]);
        StackedAdamW.Release(trainLossSum, trainLossSum.copy_(r.TrainLossSum));
    }

    /// <summary>
    /// Each step makes ~300 TorchSharp Scalars (every double passed to an op) that only .NET finalizers free. The
    /// managed heap is tiny, so the GC seldom runs; the small native chunks they pin fragment the native heap between
    /// activation-sized blocks and RSS climbed ~0.7 MB/step (ci transformer: 340 → 880 MB in 350 steps, measured).
    /// A collection every few steps keeps RSS flat at no measurable cost in steps/s.
    /// </summary>
    private const int CollectEvery = 25;

    private static void CollectFinalizableNatives()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>A fresh permutation of the training rows per member, each from the member's own generator.</summary>
    private static Tensor Reshuffle(RandomStream[] generators, long n, Device device)
    {
        var perms = generators.Select(g => g.Permutation(n, device)).ToArray();
        var stacked = stack(perms);
        foreach (var p in perms) p.Dispose();
        return stacked;
    }

    /// <summary>
    /// Logits and their targets for rows [E, B, len + 1]: the last token (last-token) or every next token
    /// (next-token).
    /// </summary>
    private (Tensor Logits, Tensor Targets) Predict(IEnsembleModel model, Tensor rows, int len) =>
        config.Objective == "next-token"
            ? (model.Forward(rows.narrow(2, 0, len)), rows.narrow(2, 1, len))
            : (model.Forward(rows.narrow(2, 0, len)), rows.select(2, len));

    private EvalRecord Evaluate(IEnsembleModel model, EnsembleData data, int step, double lr, Tensor trainLossSum,
        int sinceEval)
    {
        int e = model.Members, len = data.SeqLen;
        var members = Enumerable.Range(0, e).Select(_ => new List<KeyValuePair<string, double>>()).ToArray();
        if (sinceEval > 0)
        {
            var sums = TensorReadout.Doubles(trainLossSum);
            for (int m = 0; m < e; m++) members[m].Add(new("train_loss", sums[m] / sinceEval));
        }
        using var _ = no_grad();
        foreach (var (group, samples) in data.Eval)
        {
            long n = samples.shape[1];
            var lossSum = new double[e];
            var correct = new double[e];
            for (long start = 0; start < n; start += config.EvalBatchSize)
            {
                using var scope = NewDisposeScope();
                long count = Math.Min(config.EvalBatchSize, n - start);
                var chunk = samples.narrow(1, start, count);
                var (logits, targets) = Predict(model, chunk, len);
                if (config.EvaluateLastToken && config.Objective == "next-token")
                    (logits, targets) = (logits.select(2, len - 1), chunk.select(2, len)); // the label only
                // Per member: summed over samples of the per-sample mean (over its predicted positions).
                long positions = targets.numel() / (e * count);
                var loss = nn.functional.cross_entropy(
                        logits.reshape(targets.numel(), -1), targets.reshape(-1), reduction: nn.Reduction.None)
                    .reshape(e, count, positions).to(ScalarType.Float64).mean([2]).sum(1);
                var hits = logits.argmax(-1).eq(targets).to(ScalarType.Float64).reshape(e, count, positions)
                    .mean([2]).sum(1);
                var l = TensorReadout.Doubles(loss);
                var h = TensorReadout.Doubles(hits);
                for (int m = 0; m < e; m++) { lossSum[m] += l[m]; correct[m] += h[m]; }
            }
            for (int m = 0; m < e; m++)
            {
                members[m].Add(new($"loss_{group.Key()}", lossSum[m] / n));
                members[m].Add(new($"acc_{group.Key()}", correct[m] / n));
            }
        }
        return new EvalRecord(step, lr, members);
    }
}
