using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Syntax.Elements.Types;
using ArchUnitNET.xUnit;
using FluentAssertions;
using Xunit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static InitBias.Tests.Unit.Architecture.CodeBase;

namespace InitBias.Tests.Unit.Architecture;

/// <summary>
/// Data flows one way: train (Training, Experiments, Runs, Probes.Recording) → run folder → read (Reading) →
/// rule (Claims) → snapshot → report, with Pipeline tying them together (README, Layout). What Claims, Reading and
/// Figures may depend on is listed (ReadOnlyLayers); anything else fails, in any assembly. Each rule is also run over
/// a type that breaks it on purpose (ArchitectureControls) and must report it.
/// </summary>
[Trait("Category", "Unit")]
public class ArchitectureTests
{
    /// <summary>The floors, lowest first; a floor may use the ones below it, never those above.</summary>
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

    /// <summary>"InitBias" alone is the root namespace (Rng, RandomStream, TorchRuntime, …), not its children.
    /// </summary>
    private static string FloorPattern(IEnumerable<string> names) =>
        string.Join("|", names.Select(n => n == "InitBias" ? Exactly(n) : AndBelow(n)));

    private static GivenTypesConjunction Skipping(GivenTypesConjunction types, bool controls) =>
        controls ? types : types.And().DoNotHaveAnyAttributes(typeof(ArchitectureControlAttribute));

    private static IArchRule FloorRule(int floor, bool controls) =>
        Skipping(Types().That().ResideInNamespaceMatching(FloorPattern(Floors[floor])), controls)
            .Should().NotDependOnAny(Types(true).That()
                .ResideInNamespaceMatching(FloorPattern(Floors.Skip(floor + 1).SelectMany(f => f))));

    private static IArchRule AllowListRule(string layer, bool controls) =>
        Skipping(Types().That().ResideInNamespaceMatching(AndBelow(layer)), controls)
            .Should().OnlyDependOn(Types(true).That().HaveFullNameMatching(ReadOnlyLayers.Allowed(layer)))
            .Because(ReadOnlyLayers.Why);

    private static IArchRule ForbiddenRule(string ns, bool controls) =>
        Skipping(Types().That().ResideInNamespaceMatching(AndBelow(ns)), controls)
            .Should().NotDependOnAny(Types(true).That().HaveFullNameMatching(
                ns == "InitBias.Theory" ? ReadOnlyLayers.ForbiddenInTheory : ReadOnlyLayers.Forbidden))
            .Because("rules read what the run recorded: they build no model, data or optimiser");

    /// <summary>The generator rule covers the library and, for its control, the control types.</summary>
    private static IArchRule GeneratorRule(bool controls) =>
        (controls
            ? Types().That().ResideInAssembly(typeof(Experiments.RunConfig).Assembly)
                .Or().HaveAnyAttributes(typeof(ArchitectureControlAttribute))
            : Types().That().ResideInAssembly(typeof(Experiments.RunConfig).Assembly))
        .And().AreNot(typeof(RandomStream))
        .Should().NotDependOnAny(Types(true).That().HaveFullNameMatching(@"^TorchSharp\.torch[+/]Generator$"));

    /// <summary>The types a rule reports, by full name.</summary>
    private static List<string> Reported(IArchRule rule) =>
        rule.Evaluate(All).Where(r => !r.Passed).Select(r => ((IType)r.EvaluatedObject).FullName).ToList();

    public static TheoryData<int> FloorIndices() => new(Enumerable.Range(0, Floors.Length - 1));

    public static TheoryData<string> ReadOnlyNamespaces() => new(ReadOnlyLayers.Namespaces);

    [Theory]
    [MemberData(nameof(FloorIndices))]
    public void A_floor_never_references_the_floors_above_it(int floor) =>
        ArchRuleAssert.CheckRule(All, FloorRule(floor, controls: false));

    [Fact]
    public void Control_the_floor_rule_reports_a_low_floor_that_reaches_up() =>
        Reported(FloorRule(0, controls: true)).Should().Contain(typeof(Stats.ControlLowFloorReachesUp).FullName);

    [Theory]
    [MemberData(nameof(ReadOnlyNamespaces))]
    public void Claims_reading_and_figures_depend_only_on_what_their_allow_list_names(string layer) =>
        ArchRuleAssert.CheckRule(All, AllowListRule(layer, controls: false));

    [Theory]
    [InlineData("InitBias.Claims", typeof(Claims.ControlClaimBuildsAModel))]
    [InlineData("InitBias.Reading", typeof(Reading.ControlReaderGeneratesData))]
    [InlineData("InitBias.Figures", typeof(Figures.ControlFigureBuildsAnOptimiser))]
    public void Control_each_allow_list_reports_a_type_that_reaches_beyond_it(string layer, Type control) =>
        Reported(AllowListRule(layer, controls: true)).Should().Contain(control.FullName);

    /// <summary>Theory is on every allow-list, so it must not build anything either.</summary>
    [Theory]
    [MemberData(nameof(ReadOnlyNamespaces))]
    [InlineData("InitBias.Theory")]
    public void Nothing_read_only_references_models_task_generators_optimisers_or_the_registry(string ns) =>
        ArchRuleAssert.CheckRule(All, ForbiddenRule(ns, controls: false));

    [Theory]
    [InlineData("InitBias.Claims", typeof(Claims.ControlClaimBuildsAModel))]
    [InlineData("InitBias.Reading", typeof(Reading.ControlReaderGeneratesData))]
    [InlineData("InitBias.Figures", typeof(Figures.ControlFigureBuildsAnOptimiser))]
    [InlineData("InitBias.Figures", typeof(Figures.ControlFigureAsksTheRegistry))]
    [InlineData("InitBias.Theory", typeof(Theory.ControlTheoryBuildsAModel))]
    public void Control_the_forbidden_rule_reports_each_kind_of_violation(string ns, Type control) =>
        Reported(ForbiddenRule(ns, controls: true)).Should().Contain(control.FullName);

    /// <summary>
    /// Every torch random draw goes through RandomStream, which draws on the CPU (TorchSharp's generators are CPU
    /// generators: dotnet/TorchSharp#1194) and moves the values to the device. Nothing else may hold a generator.
    /// </summary>
    [Fact]
    public void Only_RandomStream_touches_a_torch_generator()
    {
        ArchRuleAssert.CheckRule(All, GeneratorRule(controls: false));
        Reported(GeneratorRule(controls: true)).Should().Contain(typeof(ControlHoldsAGenerator).FullName);
        // RandomStream itself holds one, as the rule's name for the type must match.
        Types().That().Are(typeof(RandomStream)).Should().DependOnAny(Types(true).That()
            .HaveFullNameMatching(@"^TorchSharp\.torch[+/]Generator$")).HasNoViolations(All).Should().BeTrue();
    }

    [Fact]
    public void Every_namespace_of_the_library_sits_on_a_floor()
    {
        var namespaces = typeof(Experiments.RunConfig).Assembly.GetTypes().Select(t => t.Namespace ?? "")
            .Where(n => n.StartsWith("InitBias")).Select(n => string.Join('.', n.Split('.').Take(2))).Distinct();
        namespaces.Should().OnlyContain(n => Floors.Any(f => f.Contains(n)),
            "a new namespace must be given its floor here");
    }
}
