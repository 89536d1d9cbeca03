using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace InitBias.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class ParityTests(ITestOutputHelper output) : TempFolderTest
{
    [Fact]
    public void Dev_measure()
    {
        var c = ParityHarness.Config("transformer", 0.8, 1, 40);
        var v = ParityHarness.Run([c], 0, Dir, "ln-eps");
        foreach (var x in v.Values) output.WriteLine(x.ToString());
        var keep = "/tmp/parity-dev";
        if (Directory.Exists(keep)) Directory.Delete(keep, true);
        Directory.CreateDirectory(keep);
        foreach (var f in Directory.GetFiles(Dir, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(keep, Path.GetRelativePath(Dir, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }
    }
}
