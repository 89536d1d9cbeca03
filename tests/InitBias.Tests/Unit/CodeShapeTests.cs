using FluentAssertions;
using InitBias.Claims;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>The habits the code base keeps: short lines, and one file per implemented claim named by its id.</summary>
[Trait("Category", "Unit")]
public class CodeShapeTests
{
    private static readonly string Root = Repository.Root()!;

    private static IEnumerable<string> Sources(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    // Counted in UTF-8 bytes, as `awk length` and most review tools count: γ, − and ≈ are two or three bytes each.
    [Fact]
    public void No_line_under_src_claims_and_tests_is_longer_than_120_bytes()
    {
        var longLines = Sources("src").Concat(Sources("claims")).Concat(Sources("tests"))
            .SelectMany(f => File.ReadLines(f)
                .Select((l, i) => (File: Path.GetRelativePath(Root, f), Line: i + 1,
                    Length: System.Text.Encoding.UTF8.GetByteCount(l))))
            .Where(x => x.Length > 120).Select(x => $"{x.File}:{x.Line} ({x.Length})").ToList();
        longLines.Should().BeEmpty();
    }

    [Fact]
    public void Every_implemented_claim_has_its_own_file_named_by_its_class()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "src", "InitBias", "Claims"), "C??_*.cs")
            .Select(Path.GetFileNameWithoutExtension).ToHashSet();
        files.Should().BeEquivalentTo(ClaimRegistry.All.Select(c => c.Name));
    }
}
