using FluentAssertions;
using InitBias.Claims;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>CLAIMS.md's registry table and the code agree on every claim's status per profile.</summary>
[Trait("Category", "Unit")]
public class ClaimStatusTests
{
    private static readonly string[] Profiles = ["ci", "full", "paper"];

    /// <summary>
    /// Rows of the registry table: id → profile → status text ("reproduced", "not reproduced", "undecided", "—").
    /// </summary>
    private static Dictionary<string, Dictionary<string, string>> Registry()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root()!, "CLAIMS.md"));
        int header = Array.FindIndex(lines, l => l.StartsWith("| id |", StringComparison.Ordinal));
        header.Should().BeGreaterThan(0, "CLAIMS.md has a registry table starting with '| id |'");
        var columns = Cells(lines[header]);
        var rows = new Dictionary<string, Dictionary<string, string>>();
        foreach (var line in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = Cells(line);
            rows[cells[0]] = Profiles.ToDictionary(p => p, p => cells[Array.IndexOf(columns, p)].Replace("*", ""));
        }
        return rows;
    }

    /// <summary>Cells of a Markdown table row; "\|" inside a cell is text, not a separator.</summary>
    private static string[] Cells(string row) =>
        row.Replace("\\|", "\u0001").Trim().Trim('|').Split('|').Select(c => c.Replace('\u0001', '|').Trim()).ToArray();

    [Fact]
    public void Every_claim_status_in_the_code_is_the_one_claims_md_records()
    {
        var registry = Registry();
        foreach (var claim in ClaimRegistry.All)
        {
            string id = "C" + int.Parse(claim.Id[1..]);
            registry.Should().ContainKey(id);
            foreach (var profile in Profiles)
                registry[id][profile].Should().Be(ExpectedStatus.Text(claim.Expected.For(profile)),
                    $"{claim.Id} at {profile}");
        }
    }

    [Fact]
    public void Claims_md_records_no_status_for_a_claim_that_is_not_implemented()
    {
        var implemented = ClaimRegistry.All.Select(c => "C" + int.Parse(c.Id[1..])).ToHashSet();
        foreach (var (id, statuses) in Registry().Where(r => !implemented.Contains(r.Key)))
            statuses.Values.Should().OnlyContain(s => s == "—", $"{id} is not implemented");
    }

    [Fact]
    public void A_profile_without_a_recorded_status_expects_nothing()
    {
        var claim = ClaimRegistry.Get("C05");
        claim.Expected.For("paper").Should().BeNull();
        claim.Expected.For("ci").Should().Be(ClaimStatus.Reproduced);
    }
}
