using FluentAssertions;
using InitBias.Experiments;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// The profiles CI never trains (full: nightly; paper: GPU runners) resolve and run: two steps of every experiment
/// at the profile's own model, data and optimiser sizes, one member. Only the evaluation subsets shrink, because
/// evaluating is not what is being smoke-tested.
/// </summary>
[Trait("Category", "Integration")]
public class ProfileSmokeTests
{
    public static TheoryData<string, string> ProfileExperiments()
    {
        var data = new TheoryData<string, string>();
        foreach (var profile in new[] { Profiles.Full, Profiles.Paper })
            foreach (var name in ExperimentRegistry.All.Keys) data.Add(profile, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ProfileExperiments))]
    public void Two_steps_of_each_experiment_run_at_the_profile_sizes(string profile, string experiment)
    {
        var defaults = ExperimentRegistry.Get(experiment).Defaults(profile);
        defaults.Validate().Should().BeEmpty();
        var smoke = defaults with
        {
            Gamma = 0.8,
            Seed = 1,
            Task = defaults.Task with { EvalSamplesPerGroup = 16 },
            Corpus = defaults.Corpus is null ? null : defaults.Corpus with { EvalWindows = 4 },
            Train = defaults.Train with { Steps = 2, EvalEvery = 2 },
        };

        var result = new ExperimentRunner { Device = torch.CPU }.Run([smoke]);

        result[0].Metrics.Select(m => m["step"]).Should().Equal(0, 2);
        foreach (var (key, value) in result[0].Metrics[^1])
            double.IsFinite(value).Should().BeTrue($"{profile}/{experiment}: {key} is {value}");
        // The smoke run keeps the profile's model and optimiser: only steps and evaluation subsets differ.
        result[0].Config.Model.Should().Be(defaults.Model);
        result[0].Config.Train.BatchSize.Should().Be(defaults.Train.BatchSize);
    }
}
