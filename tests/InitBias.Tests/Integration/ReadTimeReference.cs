using InitBias.Analysis;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Models;
using InitBias.Reading;
using InitBias.Theory;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Tests.Integration;

/// <summary>
/// What the rules computed at read time before issue 32 moved it into the run (FirstStepWriter,
/// LabelDistributionsWriter), copied as it was (C10 a's FirstStepVelocity.Compare, C10 b's LabelCosines.Of): the
/// reference the recorded values must equal bit for bit. C12's FirstStepGradients.Velocities and C18's
/// LabelRangePrediction moved or stayed unchanged, so the tests call them as they are.
/// </summary>
internal static class ReadTimeReference
{
    /// <summary>FirstStepVelocity.Compare before issue 32 (Theory/FirstStepVelocity.cs).</summary>
    public static IReadOnlyList<VelocityAgreement> FirstStepVelocity(RunConfig config, Device device,
        IReadOnlyList<int> tokens)
    {
        var experiment = ExperimentRegistry.Get(config.Experiment);
        var data = experiment.BuildData(config);
        int vocab = config.Model.VocabSize;
        var train = data.TrainIndices();
        var ids = new long[train.Length * data.SeqLen];
        var labels = new long[train.Length];
        for (int i = 0; i < train.Length; i++)
        {
            var row = data.Sample(train[i]);
            row[..data.SeqLen].CopyTo(ids.AsSpan(i * data.SeqLen, data.SeqLen));
            labels[i] = row[data.SeqLen];
        }

        using var model = new EmbMlp(config.Model, 1);
        model.to(device);
        using (var init = new RandomStream(config.InitSeed))
            InitRule.Apply(model.InitPlan(), [config.Gamma], [init]);

        double[][] actual, predicted;
        using (var scope = NewDisposeScope())
        {
            var x = tensor(ids, [1, train.Length, data.SeqLen], dtype: ScalarType.Int64, device: device);
            var y = tensor(labels, [train.Length], dtype: ScalarType.Int64, device: device);
            var logits = model.Forward(x).reshape(train.Length, vocab);
            var loss = nn.functional.cross_entropy(logits, y);
            loss.backward();
            using var grad = model.Weight("W_E").grad!;
            actual = tokens.Select(t => Rows(grad[0, t].neg().to(ScalarType.Float64))).ToArray();

            using var _ = no_grad();
            var k = model.W2.Weight[0].to(ScalarType.Float64).t()
                .matmul(model.W1.Weight[0].to(ScalarType.Float64).t());
            var dists = LabelDistribution.FromData(data, tokens, vocab);
            predicted = dists.Select(d =>
            {
                var centred = tensor(d.Centered(), [1, vocab], dtype: ScalarType.Float64, device: device);
                return Rows(centred.matmul(k).mul(d.Share)[0]);
            }).ToArray();
        }
        return tokens.Select((t, i) => new VelocityAgreement(t, Linalg.Cosine(actual[i], predicted[i]),
            Linalg.Norm(Linalg.Subtract(actual[i], predicted[i])) / Linalg.Norm(predicted[i]),
            Linalg.Norm(actual[i]))).ToList();
    }

    /// <summary>LabelCosines.Of before issue 32: P_s counted from the member's data, generated again.</summary>
    public static (double[,] Labels, double[,] Updates) LabelCosines(GridReader grid, long seed, int step)
    {
        var config = grid.Config with { Gamma = Gamma.SmallInit, Seed = seed };
        var t = config.Task;
        int first = Math.Min(t.MemAnchorMin, t.RsnAnchorMin), last = Math.Max(t.MemAnchorMax, t.RsnAnchorMax);
        var data = ExperimentRegistry.Get(config.Experiment).BuildData(config);
        var p = LabelDistribution.FromData(data, Enumerable.Range(first, last - first + 1).ToArray(),
            config.Model.VocabSize).Select(d => d.Centered()).ToList();
        var w0 = grid.AnchorRows(Gamma.SmallInit, seed, 0);
        var w1 = grid.AnchorRows(Gamma.SmallInit, seed, step);
        var dw = w1.Select((r, i) => Linalg.Subtract(r, w0[i])).ToList();
        return (Linalg.CosineMatrix(p), Linalg.CosineMatrix(dw));
    }

    private static double[] Rows(Tensor t)
    {
        using var cpu = t.cpu().contiguous();
        using var accessor = cpu.data<double>();
        return accessor.ToArray();
    }
}
