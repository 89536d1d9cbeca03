namespace InitBias.RealData;

/// <summary>
/// One PrOntoQA example in the official generator's JSON fields (spec prontoqa-format.md §1): the context
/// ("question"), the query, the chain of thought and the answer.
/// </summary>
public sealed record ProntoQaExample(int Hops, string Question, string Query, IReadOnlyList<string> ChainOfThought,
    string Answer)
{
    /// <summary>
    /// The training document: "Q: {question} {query}\nA: {chain of thought} {answer}" (the paper's prompt format).
    /// </summary>
    public string Document => $"Q: {Question} {Query}\nA: {string.Join(" ", ChainOfThought)} {Answer}";

    /// <summary>The context's sentences (theory sentences and the entity fact).</summary>
    public IReadOnlyList<string> ContextSentences => SplitSentences(Question);

    public static IReadOnlyList<string> SplitSentences(string text) =>
        text.Split(". ", StringSplitOptions.RemoveEmptyEntries).Select(s => s.EndsWith('.') ? s : s + ".").ToList();
}
