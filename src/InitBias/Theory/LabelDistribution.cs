using InitBias.Tasks;

namespace InitBias.Theory;

/// <summary>
/// The label distribution P_s of a token s (spec §3.4, Prop. 1): the distribution of the label of a training
/// sequence that contains s, counting s once per occurrence (a pair (15, 15) counts twice, because the summed-
/// embedding gradient gets two contributions), and its share r_s = n_s / n with n the number of training samples
/// (the normaliser of the mean loss).
/// </summary>
public sealed record LabelDistribution(int Token, double[] P, double Share)
{
    /// <summary>P_s - (1/d_vob)·1: the vector Prop. 1 says drives the token's early embedding velocity.</summary>
    public double[] Centered() => P.Select(p => p - 1.0 / P.Length).ToArray();

    /// <summary>P_s and r_s of each token from the training samples of a data set.</summary>
    public static IReadOnlyList<LabelDistribution> FromData(TaskData data, IReadOnlyList<int> tokens, int vocabSize)
    {
        var index = tokens.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var counts = new double[tokens.Count, vocabSize];
        var occurrences = new double[tokens.Count];
        var train = data.TrainIndices();
        foreach (int i in train)
        {
            var row = data.Sample(i);
            long label = row[data.SeqLen];
            for (int t = 0; t < data.SeqLen; t++)
                if (index.TryGetValue((int)row[t], out int k)) { counts[k, label]++; occurrences[k]++; }
        }
        return tokens.Select((t, k) => new LabelDistribution(t,
            Enumerable.Range(0, vocabSize).Select(v => occurrences[k] > 0 ? counts[k, v] / occurrences[k] : 0)
                .ToArray(),
            occurrences[k] / train.Length)).ToList();
    }

    /// <summary>
    /// The closed forms of eqs. 7-8 (Share is not defined there and is 0): memory anchors U(Z); reasoning anchors the
    /// law of Z + A_1 + ... + A_{q-1} + s with Z ~ U(Z), A_j ~ U(A_rsn); a key z ∈ Z gets the law of its labels when
    /// memory and reasoning pairs are equally likely (used only for figures).
    /// </summary>
    public static double[] ClosedForm(CompositionTaskConfig c, int token, int vocabSize)
    {
        var p = new double[vocabSize];
        bool mem = token >= c.MemAnchorMin && token <= c.MemAnchorMax;
        bool rsn = token >= c.RsnAnchorMin && token <= c.RsnAnchorMax;
        if (!mem && !rsn) throw new ArgumentException($"token {token} is not an anchor; eqs. 7-8 cover anchors only");
        if (c.MemoryLabels != "uniform" && mem) throw new ArgumentException("eq. 7 assumes uniform memory labels");
        if (mem)
        {
            for (int z = c.KeyMin; z <= c.KeyMax; z++) p[z] = 1.0 / c.NumKeys;
            return p;
        }
        // Law of Z + Σ_{j<q} A_j by convolution, then shifted by s.
        var law = new Dictionary<int, double>();
        for (int z = c.KeyMin; z <= c.KeyMax; z++) law[z] = 1.0 / c.NumKeys;
        int nRsn = c.RsnAnchorMax - c.RsnAnchorMin + 1;
        for (int j = 0; j < c.Anchors - 1; j++)
        {
            var next = new Dictionary<int, double>();
            foreach (var (v, w) in law)
                for (int a = c.RsnAnchorMin; a <= c.RsnAnchorMax; a++)
                    next[v + a] = next.GetValueOrDefault(v + a) + w / nRsn;
            law = next;
        }
        foreach (var (v, w) in law) p[v + token] += w;
        return p;
    }
}
