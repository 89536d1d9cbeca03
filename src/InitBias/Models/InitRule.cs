using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// How one parameter is initialised. Every parameter of every model is listed in its model's init plan.
/// </summary>
public abstract record ParamInit;

/// <summary>Weight ~ N(0, (fanIn^-γ)²): the paper's rule (spec §5) with the parameter's input dimension.</summary>
public sealed record GammaNormal(int FanIn) : ParamInit;

/// <summary>A constant: LayerNorm weight 1 and bias 0, linear biases 0.</summary>
public sealed record ConstantInit(double Value) : ParamInit;

/// <summary>One parameter of a stacked (ensemble) model with its init; the leading dimension is the member.</summary>
public sealed record PlannedParam(string Name, Parameter Parameter, ParamInit Init);

/// <summary>
/// The initialisation rule of spec §5, in one place: std = d_in^(-γ) for every weight matrix, LayerNorm (1, 0),
/// biases 0. Each ensemble member draws only its own slice from its own generator, in plan order, so a member's
/// initial weights do not depend on the ensemble it is trained in.
/// </summary>
public static class InitRule
{
    public static double Std(int fanIn, double gamma) => Math.Pow(fanIn, -gamma);

    public static void Apply(IReadOnlyList<PlannedParam> plan, IReadOnlyList<double> gammas,
        IReadOnlyList<RandomStream> streams)
    {
        if (gammas.Count != streams.Count) throw new ArgumentException("one γ and one random stream per member");
        using var _ = no_grad();
        for (int e = 0; e < gammas.Count; e++)
            foreach (var p in plan)
            {
                using var slice = p.Parameter[e];
                switch (p.Init)
                {
                    case GammaNormal g:
                        streams[e].FillNormal(slice, Std(g.FanIn, gammas[e]));
                        break;
                    case ConstantInit k:
                        slice.fill_(k.Value);
                        break;
                    default:
                        throw new InvalidOperationException($"no init for {p.Name}");
                }
            }
    }
}
