using static TorchSharp.torch;

namespace InitBias.Models.Blocks;

/// <summary>
/// The MLP every model has: act(x W_in [+ b_in]) W_out [+ b_out] (ReLU in the synthetic transformer, GELU in the GPT-2
/// decoder, tanh in the Emb-MLP). Not a module: it computes with two linears its owner registers, so their parameter
/// names stay the owner's (layers.{i}.ffn1, blocks.{i}.fc, w1, …) and so do checkpoints and the parity reference.
/// </summary>
public sealed class Mlp(StackedLinear input, StackedLinear output, Func<Tensor, Tensor> activation, MlpHooks hooks)
{
    public MlpHooks Hooks => hooks;

    /// <summary>x: [E, …, D] → [E, …, D_out].</summary>
    public Tensor Forward(Tensor x, ActivationCache? cache)
    {
        using var pre = input.forward(x); // [E, …, d_ff]
        cache?.Keep(hooks.Pre, pre);
        using var post = activation(pre); // [E, …, d_ff]
        cache?.Keep(hooks.Post, post);
        return output.forward(post);
    }
}
