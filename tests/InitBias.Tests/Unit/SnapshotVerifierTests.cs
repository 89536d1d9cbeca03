using System.Text.Json.Nodes;
using FluentAssertions;
using InitBias.Snapshots;
using Xunit;

namespace InitBias.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class SnapshotVerifierTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("initbias-snap-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static JsonObject Doc(double loss, double acc = 0.5, string verdict = "reproduced") =>
        new() { ["verdict"] = verdict, ["metrics"] = new JsonObject { ["loss_mem"] = loss, ["acc_mem"] = acc } };

    private void Accept(JsonObject doc) => SnapshotVerifier.Verify(doc, _dir, "T.M.ci", accept: true);
    private void Check(JsonObject doc, bool ci = false) =>
        SnapshotVerifier.Verify(doc, _dir, "T.M.ci", accept: false, underCi: ci);
    private string Received => Path.Combine(_dir, "T.M.ci.received.json");

    [Fact]
    public void Identical_content_matches_and_leaves_no_received_file()
    {
        Accept(Doc(4.25));
        var check = () => Check(Doc(4.25));
        check.Should().NotThrow();
        File.Exists(Received).Should().BeFalse();
    }

    [Fact]
    public void Canonical_form_sorts_keys_and_uses_lf()
    {
        Accept(Doc(4.25));
        var text = File.ReadAllText(Path.Combine(_dir, "T.M.ci.verified.json"));
        text.Should().NotContain("\r");
        text.IndexOf("\"metrics\"", StringComparison.Ordinal).Should()
            .BeLessThan(text.IndexOf("\"verdict\"", StringComparison.Ordinal));
        text.IndexOf("\"acc_mem\"", StringComparison.Ordinal).Should()
            .BeLessThan(text.IndexOf("\"loss_mem\"", StringComparison.Ordinal));
        text.Should().Contain("4.25");
    }

    [Fact]
    public void A_change_within_tolerance_matches()
    {
        Accept(Doc(4.25, 0.5));
        var check = () => Check(Doc(4.25 * (1 + 5e-4), 0.51));
        check.Should().NotThrow();
    }

    [Fact]
    public void A_change_beyond_tolerance_fails_with_a_table_and_writes_received()
    {
        Accept(Doc(4.25));
        var check = () => Check(Doc(4.30, 0.5, "not reproduced"));
        check.Should().Throw<SnapshotMismatchException>()
            .Which.Message.Should().Contain("field").And.Contain("verified").And.Contain("received")
            .And.Contain("difference")
            .And.Contain("metrics.loss_mem").And.Contain("4.25").And.Contain("4.3").And.Contain("verdict");
        File.Exists(Received).Should().BeTrue();
    }

    [Fact]
    public void Added_and_removed_fields_are_differences()
    {
        Accept(Doc(4.25));
        var doc = Doc(4.25);
        doc["metrics"]!.AsObject().Remove("acc_mem");
        doc["extra"] = 1;
        var diffs = SnapshotVerifier.Compare(Doc(4.25), doc, SnapshotTolerance.Defaults);
        diffs.Select(d => d.Field).Should().BeEquivalentTo("extra", "metrics.acc_mem");
    }

    [Fact]
    public void Missing_snapshot_fails_under_ci_without_writing()
    {
        var check = () => Check(Doc(1), ci: true);
        check.Should().Throw<SnapshotMismatchException>().Which.Message.Should().Contain("missing snapshot");
        Directory.EnumerateFiles(_dir).Should().BeEmpty();
    }

    [Fact]
    public void Missing_snapshot_outside_ci_is_written_as_received_and_still_fails()
    {
        var check = () => Check(Doc(1), ci: false);
        check.Should().Throw<SnapshotMismatchException>();
        File.Exists(Received).Should().BeTrue();
    }

    private static readonly NumericEnvironment Here = new("cpu", 2, "AVX2", "avx2", "avx2 fma");
    private static readonly NumericEnvironment Elsewhere =
        Here with { CpuVectorFlags = "avx2 fma avx512f avx512_bf16" };

    private string? CheckIn(NumericEnvironment env, JsonObject doc) =>
        SnapshotVerifier.Verify(doc, _dir, "T.M.ci", accept: false, underCi: true, environment: env);

    [Fact]
    public void In_the_same_numeric_environment_numbers_are_held_to_the_tolerance()
    {
        SnapshotVerifier.Verify(Doc(4.25), _dir, "T.M.ci", accept: true, environment: Here);
        CheckIn(Here, Doc(4.25)).Should().BeNull();
        var check = () => CheckIn(Here, Doc(4.5));
        check.Should().Throw<SnapshotMismatchException>().WithMessage("*metrics.loss_mem*");
    }

    [Fact]
    public void In_another_numeric_environment_only_verdicts_outcomes_and_fields_fail()
    {
        SnapshotVerifier.Verify(Doc(4.25), _dir, "T.M.ci", accept: true, environment: Here);
        CheckIn(Elsewhere, Doc(4.5)).Should().Contain("another numeric environment").And.Contain("1 numeric fields");
        File.Exists(Received).Should().BeTrue("the reviewer can still read the numbers");
        var verdict = () => CheckIn(Elsewhere, Doc(4.25, verdict: "not reproduced"));
        verdict.Should().Throw<SnapshotMismatchException>().WithMessage("*verdict*");
        var extra = Doc(4.25);
        extra["metrics"]!["new_field"] = 1.0;
        var added = () => CheckIn(Elsewhere, extra);
        added.Should().Throw<SnapshotMismatchException>().WithMessage("*new_field*");
    }

    [Theory]
    [InlineData("*acc*", "metrics.g0.8.acc_mem", true)]
    [InlineData("*acc*", "metrics.loss_mem", false)]
    [InlineData("metrics.*.loss_*", "metrics.g0.3.loss_rsn_test", true)]
    [InlineData("*", "anything", true)]
    public void Tolerance_patterns_are_globs(string pattern, string path, bool matches) =>
        new SnapshotTolerance(pattern, 0, 0).Matches(path).Should().Be(matches);
}

[Trait("Category", "Unit")]
public class CanonicalTests
{
    [Fact]
    public void Flatten_reads_int_long_and_double_nodes_alike()
    {
        var doc = new JsonObject { ["i"] = 3, ["l"] = 4L, ["d"] = 0.1, ["a"] = new JsonArray(1, 2.5), ["s"] = "x" };
        var flat = Canonical.Flatten(doc);
        flat["i"].Should().Be(3.0);
        flat["l"].Should().Be(4.0);
        flat["d"].Should().Be(0.1);
        flat["a[1]"].Should().Be(2.5);
        flat["s"].Should().Be("\"x\"");
    }

    [Fact]
    public void Written_snapshot_compares_equal_to_its_in_memory_source()
    {
        var doc = new JsonObject { ["step"] = 990, ["loss"] = 4.123456789012345, ["ok"] = true };
        var parsed = JsonNode.Parse(Canonical.Write(doc))!.AsObject();
        SnapshotVerifier.Compare(parsed, doc, [new SnapshotTolerance("*", 0, 0)]).Should().BeEmpty();
    }
}
