using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Runs;

/// <summary>
/// A member's share of a TrainerState in its run folder (checkpoint.bin): one JSON header line (format, step, the
/// member's config, the code fingerprint, the ensemble it was trained in, each tensor's dtype, shape and length, and
/// the SHA-256 of the payload), then the raw tensor bytes. Written to a temporary file and renamed; the previous
/// checkpoint is kept as checkpoint.prev.bin, so a crash between two members' renames still leaves a step that every
/// member has.
/// </summary>
public static class Checkpoint
{
    public const string File = "checkpoint.bin", Previous = "checkpoint.prev.bin";
    private const string Format = "initbias-checkpoint/1";

    /// <summary>About ten checkpoints per run, each at an evaluation step.</summary>
    public static int DefaultEvery(TrainConfig t) => t.EvalEvery * Math.Max(1, t.Steps / 10 / t.EvalEvery);

    public static bool Exists(string dir) =>
        System.IO.File.Exists(Path.Combine(dir, File)) || System.IO.File.Exists(Path.Combine(dir, Previous));

    public static void Delete(string dir)
    {
        System.IO.File.Delete(Path.Combine(dir, File));
        System.IO.File.Delete(Path.Combine(dir, Previous));
    }

    /// <summary>Writes member e's slice of the state into dirs[e], for every member.</summary>
    public static void Write(IReadOnlyList<string> dirs, IReadOnlyList<RunConfig> members, TrainerState state)
    {
        var ensemble = Ensemble(members);
        var written = new List<(string Tmp, string Dir)>();
        for (int e = 0; e < members.Count; e++)
        {
            using var scope = NewDisposeScope();
            var tensors = new List<(string Name, Tensor T)>();
            void Add(string name, IReadOnlyList<Tensor> list)
            {
                for (int i = 0; i < list.Count; i++) tensors.Add(($"{name}{i}", list[i].narrow(0, e, 1)));
            }
            Add("param", state.Parameters);
            Add("m", state.FirstMoments);
            Add("v", state.SecondMoments);
            tensors.Add(("generator", state.GeneratorStates[e]));
            if (state.Order is not null) tensors.Add(("order", state.Order.narrow(0, e, 1)));
            tensors.Add(("trainLossSum", state.TrainLossSum.narrow(0, e, 1)));

            var blobs = tensors.Select(t => t.T.contiguous().bytes.ToArray()).ToList();
            var header = new JsonObject
            {
                ["format"] = Format,
                ["step"] = state.Step,
                ["cursor"] = state.Cursor,
                ["adamStep"] = state.AdamStep,
                ["sinceEval"] = state.SinceEval,
                ["member"] = e,
                ["ensemble"] = new JsonArray(ensemble.Select(n => (JsonNode?)n).ToArray()),
                ["code"] = CodeFingerprint.Value,
                ["config"] = Json.ToNode(members[e]),
                ["tensors"] = new JsonArray(tensors.Select((t, i) => (JsonNode?)new JsonObject
                {
                    ["name"] = t.Name,
                    ["dtype"] = t.T.dtype.ToString(),
                    ["shape"] = new JsonArray(t.T.shape.Select(x => (JsonNode?)x).ToArray()),
                    ["bytes"] = blobs[i].Length,
                }).ToArray()),
                ["sha256"] = Convert.ToHexString(Hash(blobs)),
            };
            string tmp = Path.Combine(dirs[e], File + ".tmp");
            using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write))
            {
                f.Write(Encoding.UTF8.GetBytes(header.ToJsonString() + "\n"));
                foreach (var b in blobs) f.Write(b);
                f.Flush(flushToDisk: true);
            }
            written.Add((tmp, dirs[e]));
        }
        foreach (var (tmp, dir) in written)
        {
            string current = Path.Combine(dir, File);
            if (System.IO.File.Exists(current)) System.IO.File.Move(current, Path.Combine(dir, Previous), true);
            System.IO.File.Move(tmp, current);
        }
    }

    /// <summary>
    /// The latest step every member has a valid checkpoint of, as one stacked state. Throws InvalidDataException
    /// with one line when a checkpoint is missing, corrupt, or was written for another config, code or ensemble.
    /// </summary>
    public static TrainerState Read(IReadOnlyList<string> dirs, IReadOnlyList<RunConfig> members)
    {
        var ensemble = Ensemble(members);
        var perMember = members.Select((m, e) => Candidates(dirs[e], m, e, ensemble)).ToList();
        var common = perMember.Select(c => c.Select(x => x.Step).ToHashSet())
            .Aggregate((a, b) => { a.IntersectWith(b); return a; });
        if (common.Count == 0)
            throw new InvalidDataException($"the members' checkpoints share no step ({string.Join("; ",
                dirs.Select((d, e) => $"{d}: {string.Join(",", perMember[e].Select(x => x.Step))}"))})");
        int step = common.Max();
        var chosen = perMember.Select(c => c.First(x => x.Step == step)).ToList();
        Tensor Stack(Func<Loaded, Tensor> f) => cat(chosen.Select(f).ToArray(), 0).DetachFromDisposeScope();
        List<Tensor> StackAll(string name) => Enumerable.Range(0, chosen[0].Count(name))
            .Select(i => Stack(c => c.Tensors[$"{name}{i}"])).ToList();
        var h = chosen[0].Header;
        var state = new TrainerState
        {
            Step = step,
            Cursor = h["cursor"]!.GetValue<long>(),
            AdamStep = h["adamStep"]!.GetValue<int>(),
            SinceEval = h["sinceEval"]!.GetValue<int>(),
            Parameters = StackAll("param"),
            FirstMoments = StackAll("m"),
            SecondMoments = StackAll("v"),
            GeneratorStates = chosen.Select(c => c.Tensors["generator"].clone().DetachFromDisposeScope()).ToList(),
            Order = chosen[0].Tensors.ContainsKey("order") ? Stack(c => c.Tensors["order"]) : null,
            TrainLossSum = Stack(c => c.Tensors["trainLossSum"]),
        };
        foreach (var c in perMember.SelectMany(x => x)) c.Dispose();
        return state;
    }

    private sealed record Loaded(int Step, JsonObject Header, Dictionary<string, Tensor> Tensors) : IDisposable
    {
        public int Count(string name) => Enumerable.Range(0, Tensors.Count).TakeWhile(i => Tensors.ContainsKey(
            $"{name}{i}")).Count();
        public void Dispose()
        {
            foreach (var t in Tensors.Values) t.Dispose();
        }
    }

    /// <summary>
    /// One member's checkpoints (current and previous). Any that is corrupt or foreign stops the resume: it is
    /// reported, never skipped, so no later checkpoint can replace it unseen.
    /// </summary>
    private static List<Loaded> Candidates(string dir, RunConfig config, int member, string[] ensemble)
    {
        var found = new List<Loaded>();
        try
        {
            foreach (var name in new[] { File, Previous })
            {
                string path = Path.Combine(dir, name);
                if (System.IO.File.Exists(path)) found.Add(Load(path, config, member, ensemble));
            }
        }
        catch (InvalidDataException)
        {
            found.ForEach(f => f.Dispose());
            throw;
        }
        return found.Count > 0 ? found : throw new InvalidDataException($"no checkpoint in {dir}");
    }

    private static Loaded Load(string path, RunConfig config, int member, string[] ensemble)
    {
        using var file = System.IO.File.OpenRead(path);
        JsonObject header;
        try
        {
            header = JsonNode.Parse(ReadLine(file))!.AsObject();
            if (header["format"]?.GetValue<string>() != Format) throw new FormatException();
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException
                                       or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidDataException($"{path} is not an initbias checkpoint; refusing to resume from it");
        }
        if (!JsonNode.DeepEquals(header["config"], Json.ToNode(config)))
            throw new InvalidDataException($"{path} was written for another config; refusing to resume from it");
        if (header["code"]?.GetValue<string>() != CodeFingerprint.Value)
            throw new InvalidDataException($"{path} was written by other code ({header["code"]}, now " +
                                           $"{CodeFingerprint.Value}); refusing to resume from it");
        var theirs = header["ensemble"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        if (!theirs.SequenceEqual(ensemble) || header["member"]!.GetValue<int>() != member)
            throw new InvalidDataException($"{path} belongs to another ensemble ({string.Join(",", theirs)}); " +
                                           "refusing to resume from it");
        var entries = header["tensors"]!.AsArray();
        var blobs = new List<byte[]>();
        foreach (var entry in entries)
        {
            var blob = new byte[entry!["bytes"]!.GetValue<int>()];
            if (file.ReadAtLeast(blob, blob.Length, throwOnEndOfStream: false) != blob.Length)
                throw new InvalidDataException($"{path} is truncated; refusing to resume from it");
            blobs.Add(blob);
        }
        if (file.Position != file.Length || Convert.ToHexString(Hash(blobs)) != header["sha256"]?.GetValue<string>())
            throw new InvalidDataException($"{path} is corrupt (its checksum does not match); refusing to resume " +
                                           "from it");
        var tensors = new Dictionary<string, Tensor>();
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i]!;
            var dtype = Enum.Parse<ScalarType>(entry["dtype"]!.GetValue<string>());
            var shape = entry["shape"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
            var t = empty(shape, dtype: dtype);
            t.bytes = blobs[i];
            tensors[entry["name"]!.GetValue<string>()] = t.DetachFromDisposeScope();
        }
        return new Loaded(header["step"]!.GetValue<int>(), header, tensors);
    }

    /// <summary>The header line (without its newline); at most 1 MB, so a foreign binary file fails fast.</summary>
    private static string ReadLine(Stream s)
    {
        var buffer = new MemoryStream();
        for (int b = s.ReadByte(); b != '\n'; b = s.ReadByte())
        {
            if (b < 0 || buffer.Length > 1 << 20) throw new FormatException();
            buffer.WriteByte((byte)b);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string[] Ensemble(IReadOnlyList<RunConfig> members) =>
        members.Select(m => RunFolder.MemberName(m.Gamma, m.Seed)).ToArray();

    private static byte[] Hash(IEnumerable<byte[]> blobs)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var b in blobs) sha.AppendData(b);
        return sha.GetHashAndReset();
    }
}
