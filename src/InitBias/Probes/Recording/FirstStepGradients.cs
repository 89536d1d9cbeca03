using InitBias.Experiments;
using InitBias.Models;
using InitBias.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// The transformer analogue of C10 (a), for C12's memory anchors: the first full-batch gradient of the loss with
/// respect to each token's embedding, at initialisation, for one seed. Prop. 2 (one layer, no LayerNorm, averaging
/// attention, γ → ∞) gives every memory anchor the same velocity, so their first gradients should be parallel; how
/// parallel they are in the real model, with and without LayerNorm, says where the alignment goes.
/// </summary>
public static class FirstStepGradients
{
    /// <summary>−∇L(w_s) at initialisation for each token, over the whole training set of the config's data (built
    /// here: for measurements outside a run, FirstStepAlignment).</summary>
    public static double[][] Velocities(RunConfig config, Device device, IReadOnlyList<int> tokens) =>
        Velocities(config, ExperimentRegistry.Get(config.Experiment).BuildData(config), device, tokens);

    /// <summary>The same over the training set of data, the one a run trains on (FirstStepWriter).</summary>
    public static double[][] Velocities(RunConfig config, TaskData data, Device device, IReadOnlyList<int> tokens,
        int chunk = 2_000)
    {
        var model = ExperimentRegistry.Get(config.Experiment).BuildModel(config.Model, 1);
        try
        {
            model.Module.to(device);
            using (var init = new RandomStream(config.InitSeed))
                InitRule.Apply(model.InitPlan(), [config.Gamma], [init]);
            var train = data.TrainIndices();
            int len = data.SeqLen;
            for (int start = 0; start < train.Length; start += chunk)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(chunk, train.Length - start);
                var ids = new long[count * len];
                var labels = new long[count];
                for (int i = 0; i < count; i++)
                {
                    var row = data.Sample(train[start + i]);
                    row[..len].CopyTo(ids.AsSpan(i * len, len));
                    labels[i] = row[len];
                }
                var x = tensor(ids, [1, count, len], dtype: ScalarType.Int64, device: device);
                var y = tensor(labels, [count], dtype: ScalarType.Int64, device: device);
                var logits = model.Forward(x).reshape(count, -1);
                // Sum of per-chunk means weighted by the chunk's share: the gradient of the mean over all samples.
                (nn.functional.cross_entropy(logits, y) * ((double)count / train.Length)).backward();
            }
            using var grad = model.Weight("W_E").grad!;
            using var rows = grad[0].neg();
            var all = TensorReadout.Rows(rows);
            return tokens.Select(t => all[t]).ToArray();
        }
        finally
        {
            ((IDisposable)model.Module).Dispose();
        }
    }
}
