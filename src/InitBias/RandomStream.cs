using TorchSharp;
using static TorchSharp.torch;

namespace InitBias;

/// <summary>
/// The one place that draws torch random numbers (init values and batch orders): a private, seeded generator on the
/// CPU. TorchSharp's generators are always CPU generators, whatever device they are given (dotnet/TorchSharp#1194:
/// drawing with one into a CUDA tensor throws), so every draw is made on the CPU and then copied to the device where
/// it is used. A run's numbers then come from the same draws on every device. ArchitectureTests fails when another
/// type of the library touches a torch generator.
/// </summary>
public sealed class RandomStream : IDisposable
{
    private readonly Generator _generator;

    public RandomStream(ulong seed) => _generator = new Generator(seed);

    /// <summary>
    /// Fills <paramref name="target"/> (on any device) with N(0, std²) draws made on the CPU. Tensor.normal_ honours
    /// the generator; nn.init.normal_ silently ignores it.
    /// </summary>
    public void FillNormal(Tensor target, double std)
    {
        using var _ = no_grad();
        using var draws = empty(target.shape, target.dtype, CPU).normal_(0.0, std, _generator);
        target.copy_(draws);
    }

    /// <summary>
    /// A random permutation of 0..n-1 (int64), drawn on the CPU and moved to the device. The CPU is named: randperm
    /// without a device uses torch's default device, where a CPU generator does not belong (a CUDA or meta default
    /// device would throw or, measured with meta, abort the process).
    /// </summary>
    public Tensor Permutation(long n, Device device)
    {
        using var cpu = randperm(n, dtype: ScalarType.Int64, device: CPU, generator: _generator);
        return cpu.to(device);
    }

    /// <summary>The generator's state, for a checkpoint (a CPU byte tensor; the caller owns it).</summary>
    public Tensor State() => _generator.get_state();

    public void Restore(Tensor state) => _generator.set_state(state);

    public void Dispose() => _generator.Dispose();
}
