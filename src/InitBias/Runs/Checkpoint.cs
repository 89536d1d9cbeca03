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
        // Headers and checksums first (streamed, nothing held); then only the chosen files' tensors are loaded.
        var perMember = members.Select((m, e) => Candidates(dirs[e], m, e, ensemble)).ToList();
        var common = perMember.Select(c => c.Select(x => x.Step).ToHashSet())
            .Aggregate((a, b) => { a.IntersectWith(b); return a; });
        if (common.Count == 0)
            throw new InvalidDataException($"the members' checkpoints share no step ({string.Join("; ",
                dirs.Select((d, e) => $"{d}: {string.Join(",", perMember[e].Select(x => x.Step))}"))})");
        int step = common.Max();
        var chosen = new List<Loaded>();
        try
        {
            foreach (var c in perMember) chosen.Add(LoadTensors(c.First(x => x.Step == step)));
            return Stacked(step, chosen);
        }
        finally
        {
            foreach (var c in chosen) c.Dispose();
        }
    }

    /// <summary>The members' loaded checkpoints as one state (new tensors; the loaded ones stay the caller's).
    /// </summary>
    private static TrainerState Stacked(int step, List<Loaded> chosen)
    {
        Tensor Stack(Func<Loaded, Tensor> f) => cat(chosen.Select(f).ToArray(), 0).DetachFromDisposeScope();
        List<Tensor> StackAll(string name) => Enumerable.Range(0, chosen[0].Count(name))
            .Select(i => Stack(c => c.Tensors[$"{name}{i}"])).ToList();
        var h = chosen[0].Header;
        return new TrainerState
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
    }

    /// <summary>A checkpoint whose header and checksum passed: where its payload starts.</summary>
    private sealed record Verified(string Path, int Step, JsonObject Header, long PayloadOffset);

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
    private static List<Verified> Candidates(string dir, RunConfig config, int member, string[] ensemble)
    {
        var found = new[] { File, Previous }.Select(name => Path.Combine(dir, name)).Where(System.IO.File.Exists)
            .Select(path => Verify(path, config, member, ensemble)).ToList();
        return found.Count > 0 ? found : throw new InvalidDataException($"no checkpoint in {dir}");
    }

    /// <summary>Checks a checkpoint's header against this run and its payload against the checksum, streaming.
    /// </summary>
    private static Verified Verify(string path, RunConfig config, int member, string[] ensemble)
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
        long offset = file.Position;
        long payload = header["tensors"]!.AsArray().Sum(entry => entry!["bytes"]!.GetValue<long>());
        if (file.Length - offset < payload)
            throw new InvalidDataException($"{path} is truncated; refusing to resume from it");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[1 << 20];
        for (int n; (n = file.Read(chunk, 0, chunk.Length)) > 0;) sha.AppendData(chunk, 0, n);
        if (file.Length - offset != payload
            || Convert.ToHexString(sha.GetHashAndReset()) != header["sha256"]?.GetValue<string>())
            throw new InvalidDataException($"{path} is corrupt (its checksum does not match); refusing to resume " +
                                           "from it");
        return new Verified(path, header["step"]!.GetValue<int>(), header, offset);
    }

    /// <summary>
    /// The tensors of a verified checkpoint, hashed again as they are read (the file could have changed since it was
    /// verified). A tensor's bytes must fit one array: GPT-2 small's largest member slice is about 150 MB.
    /// </summary>
    private static Loaded LoadTensors(Verified v)
    {
        var tensors = new Dictionary<string, Tensor>();
        try
        {
            using var file = System.IO.File.OpenRead(v.Path);
            file.Seek(v.PayloadOffset, SeekOrigin.Begin);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var entry in v.Header["tensors"]!.AsArray())
            {
                var blob = new byte[entry!["bytes"]!.GetValue<int>()];
                file.ReadExactly(blob);
                sha.AppendData(blob);
                var dtype = Enum.Parse<ScalarType>(entry["dtype"]!.GetValue<string>());
                var shape = entry["shape"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
                var t = empty(shape, dtype: dtype, device: CPU); // bytes are set on the CPU; generators read it there
                t.bytes = blob;
                tensors[entry["name"]!.GetValue<string>()] = t.DetachFromDisposeScope();
            }
            if (Convert.ToHexString(sha.GetHashAndReset()) != v.Header["sha256"]?.GetValue<string>())
                throw new InvalidDataException($"{v.Path} changed while it was read; refusing to resume from it");
            return new Loaded(v.Step, v.Header, tensors);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw ex as InvalidDataException
                  ?? new InvalidDataException($"{v.Path} could not be read ({ex.Message}); refusing to resume from it");
        }
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
