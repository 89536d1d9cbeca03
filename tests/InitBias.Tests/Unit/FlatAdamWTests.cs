using FluentAssertions;
using InitBias.Experiments;
using InitBias.Models;
using InitBias.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace InitBias.Tests.Unit;

/// <summary>
/// The flat-buffer StackedAdamW against the per-parameter loop it replaced (PerParameterAdamW): the same model trained
/// by each, bit for bit, with clipping on every step, on none, on some, and off. Odd widths put parameter ends
/// inside vector lanes and thread chunks, where a kernel's scalar tail could round otherwise than its vector body.
/// </summary>
[Trait("Category", "Unit")]
public class FlatAdamWTests
{
    [Theory]
    [InlineData("transformer", 5, 1.0)]
    [InlineData("transformer", 3, 0.05)]
    [InlineData("transformer", 2, 0.0)]
    [InlineData("emb-mlp", 4, 1.0)]
    [InlineData("emb-mlp", 3, 0.05)]
    [InlineData("emb-mlp", 3, 1e9)]
    public void Flat_buffers_train_bit_for_bit_as_the_per_parameter_loop(string experiment, int members, double clip)
    {
        var (c, reference) = Build(experiment, members);
        var (_, flat) = Build(experiment, members);
        try
        {
            var train = c.Train with { ClipNorm = clip };
            using var old = new PerParameterAdamW(reference.Module.parameters(), members, train);
            using var adam = new StackedAdamW(flat.Module.parameters(), members, train);
            using var gen = new Generator(7);
            for (int step = 0; step < 12; step++)
            {
                using var scope = NewDisposeScope();
                var ids = randint(0, c.Model.VocabSize, [members, 23, c.Task.SeqLen], generator: gen);
                var targets = randint(0, c.Model.VocabSize, [members, 23], generator: gen);
                double lr = 0.01 * (step + 1) / 12;
                var a = Backward(reference, ids, targets);
                var normA = old.ClipGradients();
                old.Step(lr);
                old.ZeroGrad();
                var b = Backward(flat, ids, targets);
                var normB = adam.ClipGradients();
                adam.Step(lr);
                adam.ZeroGrad();
                Bytes(b).Should().Equal(Bytes(a), $"losses at step {step}");
                Bytes(normB).Should().Equal(Bytes(normA), $"norms at step {step}");
                AssertSame(flat.Module.parameters(), reference.Module.parameters(), $"parameters after step {step}");
            }
            var (tA, mA, vA) = old.Capture();
            var (tB, mB, vB) = adam.Capture();
            tB.Should().Be(tA);
            AssertSame(mB, mA, "first moments");
            AssertSame(vB, vA, "second moments");
            foreach (var t in mA.Concat(vA).Concat(mB).Concat(vB)) t.Dispose();
        }
        finally
        {
            ((IDisposable)reference.Module).Dispose();
            ((IDisposable)flat.Module).Dispose();
        }
    }

    [Fact]
    public void Grads_stay_views_of_the_flat_buffer_and_accumulate_in_place()
    {
        var (c, model) = Build("transformer", 3);
        try
        {
            using var adam = new StackedAdamW(model.Module.parameters(), 3, c.Train);
            var parameters = model.Module.parameters().ToArray();
            using var gen = new Generator(3);
            for (int step = 0; step < 5; step++)
            {
                using var scope = NewDisposeScope();
                var ids = randint(0, c.Model.VocabSize, [3, 8, c.Task.SeqLen], generator: gen);
                var targets = randint(0, c.Model.VocabSize, [3, 8], generator: gen);
                Backward(model, ids, targets);
                for (int i = 0; i < parameters.Length; i++)
                {
                    using var view = adam.Flat.View(adam.Flat.Grads, i);
                    using (var grad = parameters[i].grad!)
                        Address(grad).Should().Be(Address(view), $"grad {i} at step {step}");
                    using var value = adam.Flat.View(adam.Flat.Values, i);
                    Address(parameters[i]).Should().Be(Address(value), $"parameter {i} at step {step}");
                }
                using (var total = adam.Flat.Grads.abs().sum()) total.item<float>().Should().BeGreaterThan(0);
                adam.ClipGradients();
                adam.Step(1e-3);
                adam.ZeroGrad();
            }
        }
        finally { ((IDisposable)model.Module).Dispose(); }
    }

    [Fact]
    public void A_grad_set_to_none_is_refused_instead_of_silently_not_trained()
    {
        var (c, model) = Build("emb-mlp", 2);
        try
        {
            using var adam = new StackedAdamW(model.Module.parameters(), 2, c.Train);
            model.Module.zero_grad(set_to_none: true);
            using var scope = NewDisposeScope();
            Backward(model, zeros([2, 4, c.Task.SeqLen], ScalarType.Int64), zeros([2, 4], ScalarType.Int64));
            adam.Invoking(a => a.ClipGradients()).Should().Throw<InvalidOperationException>();
        }
        finally { ((IDisposable)model.Module).Dispose(); }
    }

    private static (RunConfig Config, IEnsembleModel Model) Build(string experiment, int members)
    {
        var c = ExperimentRegistry.Get(experiment).Defaults(Profiles.Ci);
        c = c with { Model = c.Model with { DModel = 37, DFF = 53, DK = 19 } };
        var model = ExperimentRegistry.Get(experiment).BuildModel(c.Model, members);
        var streams = Enumerable.Range(0, members).Select(m => new RandomStream((ulong)(11 + m))).ToList();
        InitRule.Apply(model.InitPlan(), Enumerable.Repeat(0.5, members).ToList(), streams);
        streams.ForEach(s => s.Dispose());
        return (c, model);
    }

    private static Tensor Backward(IEnsembleModel model, Tensor ids, Tensor targets)
    {
        var logits = model.Forward(ids);
        var losses = nn.functional.cross_entropy(logits.reshape(targets.numel(), -1), targets.reshape(-1),
            reduction: nn.Reduction.None).reshape(targets.shape[0], -1).mean([1]);
        losses.sum().backward();
        return losses.detach();
    }

    private static void AssertSame(IEnumerable<Tensor> actual, IEnumerable<Tensor> expected, string what)
    {
        var (a, e) = (actual.ToArray(), expected.ToArray());
        a.Length.Should().Be(e.Length);
        for (int i = 0; i < a.Length; i++)
        {
            a[i].shape.Should().Equal(e[i].shape);
            Bytes(a[i]).Should().Equal(Bytes(e[i]), $"{what}, tensor {i}");
        }
    }

    private static byte[] Bytes(Tensor t)
    {
        using var _ = no_grad();
        using var c = t.detach().contiguous();
        return c.bytes.ToArray();
    }

    private static long Address(Tensor t)
    {
        using var storage = t.storage<float>();
        return (long)storage.data_ptr() + t.storage_offset() * t.ElementSize;
    }
}
