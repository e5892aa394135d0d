namespace BotProtocol.Recognizers;

/// <summary>
/// Yes and no in Spanish, French and English, found anywhere in a short answer ("creo que sí", "non merci"), with what
/// denies them: "not right now" and "pas du tout" are no. An answer with both a yes and a no, or with doubt ("no sé",
/// "peut-être"), is not recognised: the prompt asks again rather than guessing.
/// </summary>
public static class ConfirmWords
{
    private static readonly AnswerShape YesOrNo = new(AnswerKind.YesNo, ["yes", "no"]);

    /// <summary>true for yes, false for no, null when neither or both were said; read with the words of <paramref name="lexicon"/>.</summary>
    public static bool? Recognize(string? text, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        var decision = Decision.Decide(lexicon.Plain.Read(Utterance.Parse(text, "es", lexicon), question: "", anywhere: false), YesOrNo);
        return decision.Kind == DecisionKind.Chosen ? decision.Values[0] == "yes" : null;
    }
}
