using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>The native start-up variables reach both places the claims train: the test host and the CLI.</summary>
[Trait("Category", "Integration")]
public class NativeEnvironmentTests
{
    [Fact]
    public void Runsettings_carry_the_same_variables_as_the_code()
    {
        var root = Repository.Root()!;
        var xml = XDocument.Load(Path.Combine(root, "InitBias.runsettings"));
        var set = xml.Descendants("EnvironmentVariables").Single().Elements()
            .ToDictionary(e => e.Name.LocalName, e => e.Value);
        set.Should().BeEquivalentTo(NativeEnvironment.Variables);
    }

    [Fact]
    public void The_test_host_runs_with_the_variables()
    {
        NativeEnvironment.Active.Should()
            .BeTrue("dotnet test reads InitBias.runsettings through Directory.Build.props");
    }

    [Fact]
    public void The_cli_re_executes_itself_with_the_variables_and_keeps_its_exit_code()
    {
        if (!OperatingSystem.IsLinux()) return;
        string dir = Path.Combine(Path.GetTempPath(), "initbias-reexec-" + Guid.NewGuid().ToString("N"));
        try
        {
            Cli("run", "transformer", "--steps", "2", "--out", dir).Should().Be(0);
            var variables =
                JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!["environment"]!["variables"]!;
            foreach (var (name, value) in NativeEnvironment.Applicable)
                variables[name]!.GetValue<string>().Should().Be(value, name);
            Cli("run", "no-such-experiment").Should().Be(2);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    /// <summary>Runs the built initbias.dll as users do, with the variables removed from its environment.</summary>
    private static int Cli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "initbias.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in NativeEnvironment.Variables.Keys.Append("INITBIAS_NO_REEXEC"))
            start.Environment.Remove(name);
        using var p = Process.Start(start)!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode;
    }
}
