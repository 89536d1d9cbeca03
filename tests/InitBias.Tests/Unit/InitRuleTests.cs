using FluentAssertions;
using InitBias.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace InitBias.Tests.Unit;

[Trait("Category", "Unit")]
public class InitRuleTests
{
    private static readonly ModelConfig Small = new() { DModel = 128, DFF = 384, DK = 64 };

    public static IEnumerable<object[]> Cases() =>
        from g in new[] { 0.3, 0.5, 0.8 }
        from m in new[] { "transformer", "emb-mlp" }
        select new object[] { m, g };

    private static IEnsembleModel Build(string kind, int members = 1) =>
        kind == "transformer"
            ? new DecoderTransformer(Small, members)
            : new EmbMlp(Small with { DModel = 200, DFF = 200 }, members);

    private static void Init(IEnsembleModel m, double[] gammas, ulong[] seeds)
    {
        var gens = seeds.Select(s => new RandomStream(s)).ToList();
        InitRule.Apply(m.InitPlan(), gammas, gens);
        gens.ForEach(g => g.Dispose());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_parameter_follows_the_gamma_rule(string kind, double gamma)
    {
        var model = Build(kind);
        Init(model, [gamma], [11]);
        foreach (var p in model.InitPlan())
        {
            using var values = p.Parameter.detach().flatten().to(ScalarType.Float64);
            switch (p.Init)
            {
                case GammaNormal g:
                    double expected = Math.Pow(g.FanIn, -gamma);
                    double std = values.std().item<double>(), mean = values.mean().item<double>();
                    // Relative sampling error of a std estimate is about 1/sqrt(2n); 5% covers n >= 2,560
                    // at > 3.5 sigma.
                    std.Should().BeApproximately(expected, 0.05 * expected, $"{p.Name} has fan-in {g.FanIn}");
                    Math.Abs(mean).Should().BeLessThan(5 * expected / Math.Sqrt(values.numel()), p.Name);
                    break;
                case ConstantInit k:
                    values.eq(k.Value).all().item<bool>().Should().BeTrue($"{p.Name} is constant {k.Value}");
                    break;
            }
        }
        ((IDisposable)model.Module).Dispose();
    }

    [Fact]
    public void Fan_in_follows_the_spec_for_every_transformer_weight()
    {
        var plan = new DecoderTransformer(Small).InitPlan().ToDictionary(p => p.Name, p => p.Init);
        plan["tok_emb.weight"].Should().Be(new GammaNormal(128));
        plan["pos_emb.weight"].Should().Be(new GammaNormal(128));
        plan["layers.0.wq.weight"].Should().Be(new GammaNormal(128));
        plan["layers.0.wo.weight"].Should().Be(new GammaNormal(64), "attention output: (n_heads·d_v)^-γ");
        plan["layers.1.ffn1.weight"].Should().Be(new GammaNormal(128));
        plan["layers.1.ffn2.weight"].Should().Be(new GammaNormal(384), "second FFN linear: d_ff^-γ");
        plan["head.weight"].Should().Be(new GammaNormal(128));
        plan["head.bias"].Should().Be(new ConstantInit(0));
        plan["layers.0.ln1.weight"].Should().Be(new ConstantInit(1));
        plan["layers.0.ln1.bias"].Should().Be(new ConstantInit(0));
    }

    [Fact]
    public void A_member_of_an_ensemble_starts_exactly_like_the_same_model_alone()
    {
        var solo = Build("transformer");
        Init(solo, [0.5], [42]);
        var stack = Build("transformer", members: 3);
        Init(stack, [0.8, 0.5, 0.3], [7, 42, 9]);
        foreach (var (s, e) in solo.InitPlan().Zip(stack.InitPlan()))
        {
            using var member = e.Parameter[1];
            using var alone = s.Parameter[0];
            member.allclose(alone, rtol: 0, atol: 0).Should().BeTrue(s.Name);
        }
    }

    [Fact]
    public void Same_seed_same_weights_regardless_of_the_global_torch_seed()
    {
        var a = Build("emb-mlp");
        torch.manual_seed(1);
        Init(a, [0.8], [5]);
        var b = Build("emb-mlp");
        torch.manual_seed(2);
        Init(b, [0.8], [5]);
        foreach (var (x, y) in a.InitPlan().Zip(b.InitPlan()))
            x.Parameter.allclose(y.Parameter, rtol: 0, atol: 0).Should().BeTrue(x.Name);
    }
}
