using FluentAssertions;
using NetArchTest.Rules;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// Data flows one way: train (Training, Experiments, Runs, Probes.Recording) → run folder (Runs) → read
/// (Reading) → rule (Claims) → snapshot (Snapshots) → report (Reports), with Pipeline tying them together. These
/// rules fail when a type reaches up a floor, or when a claim or a figure reaches into training.
/// </summary>
[Trait("Category", "Unit")]
public class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Core = typeof(Experiments.RunConfig).Assembly;

    /// <summary>What trains: a claim, a figure or a reader must never touch these.</summary>
    private static readonly string[] TrainingTypes =
    [
        "InitBias.Training", "InitBias.Probes.Recording", "InitBias.Experiments.ExperimentRunner",
        "InitBias.Runs.GridTraining", "InitBias.Runs.TrainingContext", "InitBias.Runs.TrainedGrid",
        "InitBias.Runs.Checkpoint",
    ];

    /// <summary>
    /// The floors, lowest first; a floor may use the ones below it, never those above. "InitBias" alone is the root
    /// namespace (Rng, RandomStream, TorchRuntime, …), not its children.
    /// </summary>
    private static readonly string[][] Floors =
    [
        ["InitBias", "InitBias.Tasks", "InitBias.Models", "InitBias.Training", "InitBias.Stats", "InitBias.Analysis",
         "InitBias.Snapshots", "InitBias.RealData"],
        ["InitBias.Experiments", "InitBias.Runs", "InitBias.Grids", "InitBias.Probes", "InitBias.Theory",
         "InitBias.Parity"],
        ["InitBias.Reading"],
        ["InitBias.Claims", "InitBias.Figures"],
        ["InitBias.Pipeline", "InitBias.Reports", "InitBias.Benchmarks"],
    ];

    private static string Broken(TestResult result) =>
        string.Join(", ", result.FailingTypeNames ?? []);

    public static TheoryData<int> FloorIndices() => new(Enumerable.Range(0, Floors.Length - 1));

    [Theory]
    [MemberData(nameof(FloorIndices))]
    public void A_floor_never_references_the_floors_above_it(int floor)
    {
        var above = Floors.Skip(floor + 1).SelectMany(f => f).ToArray();
        string pattern = "^(" + string.Join("|", Floors[floor].Select(n =>
            n == "InitBias" ? "InitBias$" : n.Replace(".", "\\.") + "(\\.|$)")) + ")";
        Types.InAssembly(Core).That().ResideInNamespaceMatching(pattern).GetTypes().Should().NotBeEmpty();
        var result = Types.InAssembly(Core).That().ResideInNamespaceMatching(pattern)
            .ShouldNot().HaveDependencyOnAny(above).GetResult();
        result.IsSuccessful.Should().BeTrue($"floor {floor} reaches up: {Broken(result)}");
    }

    [Theory]
    [InlineData("InitBias.Claims")]
    [InlineData("InitBias.Figures")]
    [InlineData("InitBias.Reading")]
    public void Claims_figures_and_readers_never_train(string ns)
    {
        Types.InAssembly(Core).That().ResideInNamespace(ns).GetTypes().Should().NotBeEmpty();
        var result = Types.InAssembly(Core).That().ResideInNamespace(ns)
            .ShouldNot().HaveDependencyOnAny(TrainingTypes).GetResult();
        result.IsSuccessful.Should().BeTrue($"{ns} references training: {Broken(result)}");
    }

    [Fact]
    public void Figures_never_reference_claims()
    {
        var result = Types.InAssembly(Core).That().ResideInNamespace("InitBias.Figures")
            .ShouldNot().HaveDependencyOnAny("InitBias.Claims", "InitBias.Pipeline").GetResult();
        result.IsSuccessful.Should().BeTrue($"figures reference claims: {Broken(result)}");
    }

    /// <summary>
    /// Every torch random draw goes through RandomStream, which draws on the CPU (TorchSharp's generators are CPU
    /// generators: dotnet/TorchSharp#1194) and moves the values to the device. Nothing else may hold a generator.
    /// </summary>
    [Fact]
    public void Only_RandomStream_touches_a_torch_generator()
    {
        var result = Types.InAssembly(Core).That().DoNotHaveName(nameof(RandomStream))
            .ShouldNot().HaveDependencyOn("TorchSharp.torch/Generator").GetResult();
        result.IsSuccessful.Should().BeTrue($"these use a torch generator: {Broken(result)}");
        Types.InAssembly(Core).That().HaveName(nameof(RandomStream))
            .Should().HaveDependencyOn("TorchSharp.torch/Generator").GetResult().IsSuccessful
            .Should().BeTrue("the rule must name the generator type as the IL does");
    }

    [Fact]
    public void Every_namespace_of_the_library_sits_on_a_floor()
    {
        var namespaces = Core.GetTypes().Select(t => t.Namespace ?? "").Where(n => n.StartsWith("InitBias"))
            .Select(n => string.Join('.', n.Split('.').Take(2))).Distinct();
        namespaces.Should().OnlyContain(n => Floors.Any(f => f.Contains(n)),
            "a new namespace must be given its floor here");
    }
}
