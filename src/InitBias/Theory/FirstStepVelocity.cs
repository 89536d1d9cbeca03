using InitBias.Analysis;
using InitBias.Experiments;
using InitBias.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Theory;

/// <summary>How well Prop. 1 predicts one token's embedding velocity at initialisation.</summary>
public sealed record VelocityAgreement(int Token, double Cosine, double RelativeError, double Norm);

/// <summary>
/// C10 (a), spec §7.2: the first plain gradient-descent step of the Emb-MLP from its initialisation, on the full
/// training set, against Prop. 1's velocity r_s (P_s - (1/d_vob)·1) W2ᵀ W1ᵀ with P_s and r_s counted from the same
/// data. The identity is exact in the small-initialisation limit (tanh' = 1, softmax uniform), so the agreement
/// measures how far a finite γ is from that limit.
/// </summary>
public static class FirstStepVelocity
{
    public static IReadOnlyList<VelocityAgreement> Compare(RunConfig config, Device device, IReadOnlyList<int> tokens)
    {
        if (config.Experiment != "emb-mlp") throw new ArgumentException("Prop. 1 is about the Emb-MLP");
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
            // Velocity = -gradient; rows of the requested tokens.
            actual = tokens.Select(t => Rows(grad[0, t].neg().to(ScalarType.Float64))).ToArray();

            using var _ = no_grad();
            var k = model.W2.Weight[0].to(ScalarType.Float64).t()
                .matmul(model.W1.Weight[0].to(ScalarType.Float64).t()); // K = W2ᵀ W1ᵀ: [V, D]
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

    private static double[] Rows(Tensor t)
    {
        using var cpu = t.cpu().contiguous();
        using var accessor = cpu.data<double>();
        return accessor.ToArray();
    }
}
