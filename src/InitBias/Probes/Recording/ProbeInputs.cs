using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// The inputs a mechanism probe runs the model on: per member, a seeded sample of an evaluation group stratified over
/// its anchor pairs (round robin over the pairs, each pair's samples in a seeded order), so every pair of the group
/// is seen. (Until 2026-11-30 the probe took the first samples of the sorted evaluation indices, and samples are
/// generated pair by pair: the memory probe saw pairs (1,1) to about (2,3) only, the reasoning probe a1 ∈ {11, 12}.)
/// The order is such that a linear probe's halves (even and odd positions: LinearProbe) each see every pair: a pair's
/// samples of rounds 2k and 2k + 1 sit side by side.
/// </summary>
public sealed record ProbeInputs(Tensor Ids, Tensor KeyPositions, bool[] IsMem, long[][] Indices) : IDisposable
{
    /// <summary>
    /// count samples of a group, stratified over its anchor pairs (a1, a2) = (row[p + 1], row[p + 2]), in the
    /// order picked: one per pair in pair order, then a second per pair, and so on.
    /// </summary>
    public static int[] Stratified(TaskData data, EvalGroup group, int count, ulong seed)
    {
        var rng = new Rng(seed);
        var byPair = data.EvalIndices[group].GroupBy(i =>
            {
                var row = data.Sample(i);
                int p = data.KeyPositions[i];
                return (row[p + 1], row[p + 2]);
            })
            .OrderBy(g => g.Key).Select(g => Shuffled(g.ToArray(), rng)).ToList();
        // Pick round by round (one sample per pair per round) until count, then lay the picks out two rounds at a
        // time, pair by pair: (pair 1, round 0), (pair 1, round 1), (pair 2, round 0), ... so that the even and the
        // odd positions each hold a sample of every pair.
        var rounds = new List<List<int>>();
        int total = 0;
        for (int round = 0; total < count && byPair.Any(p => p.Length > round); round++)
        {
            var picks = new List<int>();
            foreach (var pair in byPair)
                if (round < pair.Length && total < count) { picks.Add(pair[round]); total++; }
            rounds.Add(picks);
        }
        var ordered = new List<int>();
        for (int r = 0; r < rounds.Count; r += 2)
        {
            var first = rounds[r];
            var second = r + 1 < rounds.Count ? rounds[r + 1] : [];
            for (int k = 0; k < first.Count; k++)
            {
                ordered.Add(first[k]);
                if (k < second.Count) ordered.Add(second[k]);
            }
        }
        return [.. ordered];
    }

    /// <summary>
    /// Per member, perGroup stratified samples of each of the groups, as one batch [E, B, L] with the key positions
    /// [E, B]; the stream name keeps samples of different probes independent.
    /// </summary>
    public static ProbeInputs Build(IReadOnlyList<TaskData> data, IReadOnlyList<long> seeds, EvalGroup[] groups,
        int perGroup, string stream, Device device)
    {
        int len = data[0].SeqLen;
        var indices = data.Select((d, e) => groups.SelectMany(g => Stratified(d, g,
            Math.Min(perGroup, d.EvalIndices[g].Length), Rng.Derive(seeds[e], $"{stream}-{g.Key()}"))
            .Select(i => (long)i)).ToArray()).ToArray();
        int b = indices[0].Length;
        if (indices.Any(ix => ix.Length != b)) throw new InvalidOperationException("members sample unequal batches");
        var ids = new long[data.Count * b * len];
        var pos = new long[data.Count * b];
        var isMem = new bool[b];
        for (int e = 0; e < data.Count; e++)
            for (int k = 0; k < b; k++)
            {
                int i = (int)indices[e][k];
                data[e].Sample(i)[..len].CopyTo(ids.AsSpan((e * b + k) * len, len));
                pos[e * b + k] = data[e].KeyPositions[i];
                isMem[k] = data[e].Groups[i] == EvalGroup.Mem;
            }
        return new ProbeInputs(tensor(ids, [data.Count, b, len], dtype: ScalarType.Int64, device: device),
            tensor(pos, [data.Count, b], dtype: ScalarType.Int64, device: device), isMem, indices);
    }

    private static int[] Shuffled(int[] xs, Rng rng)
    {
        for (int j = xs.Length - 1; j > 0; j--)
        {
            int r = rng.NextInt(j + 1);
            (xs[j], xs[r]) = (xs[r], xs[j]);
        }
        return xs;
    }

    public void Dispose()
    {
        Ids.Dispose();
        KeyPositions.Dispose();
    }
}
