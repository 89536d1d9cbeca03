using InitBias.Experiments;
using InitBias.Models;
using InitBias.Tasks;
using InitBias.Theory;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// C10 (a), spec §7.2: the first plain gradient-descent step of the Emb-MLP from its initialisation, on the full
/// training set, against Prop. 1's velocity r_s (P_s - (1/d_vob)·1) W2ᵀ W1ᵀ with P_s and r_s counted from the same
/// data. The identity is exact in the small-initialisation limit (tanh' = 1, softmax uniform), so the agreement
/// measures how far a finite γ is from that limit. Runs at record time (FirstStepWriter): it builds a model.
/// </summary>
public static class FirstStepVelocity
{
    /// <summary>Per token, the velocity −∇L(w_s) (float64 rows of the float32 gradient) and Prop. 1's prediction,
    /// on data, the training data of the run (FirstStepWriter).</summary>
    public static (double[][] Actual, double[][] Predicted) Rows(RunConfig config, TaskData data, Device device,
        IReadOnlyList<int> tokens)
    {
        if (config.Experiment != "emb-mlp") throw new ArgumentException("Prop. 1 is about the Emb-MLP");
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
        return (actual, predicted);
    }

    /// <summary>The agreement of the two for consecutive tokens (tokens[0], tokens[0] + 1, …), on the config's data
    /// built here (a measurement outside any run).</summary>
    public static IReadOnlyList<VelocityAgreement> Compare(RunConfig config, Device device, IReadOnlyList<int> tokens)
    {
        var data = ExperimentRegistry.Get(config.Experiment).BuildData(config);
        var (actual, predicted) = Rows(config, data, device, tokens);
        return VelocityAgreement.Of(tokens[0], actual, predicted);
    }

    private static double[] Rows(Tensor t)
    {
        using var cpu = t.cpu().contiguous();
        using var accessor = cpu.data<double>();
        return accessor.ToArray();
    }
}
