using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace InitBias.Snapshots;

/// <summary>One field that differs between the verified and the received snapshot.</summary>
public sealed record SnapshotDifference(string Field, string Verified, string Received, string Difference);

/// <summary>Thrown when a snapshot does not match (or is missing under CI); the message holds the table.</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);

/// <summary>
/// Verify-style snapshots without Verify: {Name}.verified.json is the reviewed truth, {Name}.received.json is written
/// beside it when the new result differs (git-ignored). Content is canonical JSON (sorted keys, invariant culture,
/// LF). Numbers compare with per-field tolerances; everything else must be equal. Accept by setting
/// INITBIAS_ACCEPT=1 (received content becomes verified) or by renaming the received file.
/// With a numeric environment, a snapshot verified in another one (other CPU vector units, threads or device) is
/// held only to its verdicts, check outcomes and fields: per-seed values after thousands of steps are chaotic across
/// kernels (measured: up to 0.2 in a correlation between an AVX-512 and an AVX2 host, every check outcome equal), so
/// their differences are reported, not failed.
/// </summary>
public static class SnapshotVerifier
{
    public const string AcceptVariable = "INITBIAS_ACCEPT";

    public static bool AcceptRequested => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";
    public static bool UnderCi =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } v && v != "0" && v != "false";

    /// <summary>
    /// Compares; on mismatch writes the received file and throws with a table of the differences. Returns a note for
    /// the log when the comparison was across numeric environments, or when a missing snapshot was recorded
    /// (<paramref name="recordWhenMissing"/>: a profile with no recorded status, such as paper on a GPU runner), and
    /// null otherwise.
    /// </summary>
    public static string? Verify(JsonObject received, string directory, string name,
        IReadOnlyList<SnapshotTolerance>? tolerances = null, bool? accept = null, bool? underCi = null,
        NumericEnvironment? environment = null, bool recordWhenMissing = false)
    {
        tolerances ??= SnapshotTolerance.Defaults;
        string verifiedPath = Path.Combine(directory, name + ".verified.json");
        string receivedPath = Path.Combine(directory, name + ".received.json");
        if (environment is not null)
        {
            received = (JsonObject)received.DeepClone();
            received[NumericEnvironment.Key] = environment.ToJson();
        }
        string content = Canonical.Write(received);
        if (accept ?? AcceptRequested)
        {
            File.WriteAllText(verifiedPath, content);
            File.Delete(receivedPath);
            return null;
        }
        if (!File.Exists(verifiedPath))
        {
            if (recordWhenMissing)
            {
                File.WriteAllText(receivedPath, content);
                return $"no verified snapshot {name} (record mode): received written to {receivedPath}";
            }
            if (underCi ?? UnderCi)
                throw new SnapshotMismatchException($"missing snapshot {verifiedPath}: run the claim locally, " +
                                                    $"review, and commit it ({AcceptVariable}=1 accepts)");
            File.WriteAllText(receivedPath, content);
            throw new SnapshotMismatchException($"no verified snapshot yet: review {receivedPath} and accept it " +
                                                $"(rename to .verified.json, or rerun with {AcceptVariable}=1)");
        }
        var verified = JsonNode.Parse(File.ReadAllText(verifiedPath))!.AsObject();
        var differences = Compare(verified, received, tolerances);
        bool sameNumerics = environment is null || environment.Matches(verified[NumericEnvironment.Key]);
        var failing = sameNumerics ? differences : differences.Where(d => !IsNumeric(d)).ToList();
        if (differences.Count == 0)
        {
            File.Delete(receivedPath);
            return null;
        }
        File.WriteAllText(receivedPath, content);
        if (failing.Count > 0)
            throw new SnapshotMismatchException($"snapshot {name} differs from {verifiedPath} " +
                                                $"({failing.Count} fields; " +
                                                $"received written to {receivedPath}):\n" + Table(failing));
        return $"snapshot {name} was verified in another numeric environment " +
               $"({verified[NumericEnvironment.Key]?.ToJsonString() ?? "not recorded"}" +
               $"; here {environment!.ToJson().ToJsonString()}): verdicts and check outcomes match; " +
               $"{differences.Count} numeric fields " +
               $"differ beyond tolerance (received written to {receivedPath}, not a failure)";
    }

    /// <summary>
    /// A numeric difference (both sides numbers), as opposed to a changed verdict, passed flag, text or field set,
    /// which fail in every environment.
    /// </summary>
    private static bool IsNumeric(SnapshotDifference d) => d.Difference is not ("added" or "removed" or "changed");


    public static List<SnapshotDifference> Compare(JsonObject verified, JsonObject received,
        IReadOnlyList<SnapshotTolerance> tolerances)
    {
        var a = Canonical.Flatten(verified);
        var b = Canonical.Flatten(received);
        var diffs = new List<SnapshotDifference>();
        foreach (var key in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            if (key.StartsWith(NumericEnvironment.Key + ".", StringComparison.Ordinal)) continue; // not a result
            bool inA = a.TryGetValue(key, out var va), inB = b.TryGetValue(key, out var vb);
            if (!inA) { diffs.Add(new(key, "(absent)", Show(vb), "added")); continue; }
            if (!inB) { diffs.Add(new(key, Show(va), "(absent)", "removed")); continue; }
            if (va is double da && vb is double db)
            {
                var tol = tolerances.First(t => t.Matches(key));
                if (!tol.Accepts(da, db)) diffs.Add(new(key, Show(da), Show(db), Show(db - da)));
            }
            else if (!Equals(va, vb)) diffs.Add(new(key, Show(va), Show(vb), "changed"));
        }
        return diffs;
    }

    public static string Table(IReadOnlyList<SnapshotDifference> diffs)
    {
        int w0 = Math.Max(5, diffs.Max(d => d.Field.Length)), w1 = Math.Max(8, diffs.Max(d => d.Verified.Length)),
            w2 = Math.Max(8, diffs.Max(d => d.Received.Length));
        var sb = new StringBuilder();
        sb.Append("field".PadRight(w0)).Append("  ").Append("verified".PadRight(w1)).Append("  ")
            .Append("received".PadRight(w2)).Append("  difference\n");
        foreach (var d in diffs)
            sb.Append(d.Field.PadRight(w0)).Append("  ").Append(d.Verified.PadRight(w1)).Append("  ")
                .Append(d.Received.PadRight(w2)).Append("  ").Append(d.Difference).Append('\n');
        return sb.ToString();
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
