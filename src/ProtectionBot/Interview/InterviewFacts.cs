using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Interview;

/// <summary>
/// Keeps each answer where it belongs, and what an answer also says about other questions: "armed men came and said they
/// would kill me" answers what is happening as well as the danger question, "mi hermano" who is at risk, "soy mujer" the
/// gender, "en el Cauca" the country. Only a question's strong phrases count from elsewhere (<c>anywhere:</c> in
/// <c>dialogs/understanding</c>, and its places), never a denied mention, and never over an answer the person gave to the
/// question itself.
/// </summary>
internal sealed class InterviewFacts(Understanding understanding, CountryHints places)
{
    /// <summary>The questions an answer to another question may answer, in the order they are filled.</summary>
    private static readonly string[] FromAnywhere = ["situations", "at_risk", "gender", "profile", "perpetrator", "relocation", "urgency", "started"];

    /// <summary>
    /// Options a story names by the way without putting its strong phrase in doubt: "the police took him, no one knows
    /// where" names no unknown perpetrator; "it all started in 2019 … in March they shot at us" tells a later event, not
    /// when it started.
    /// </summary>
    private static readonly Dictionary<string, string[]> NoDoubt = new(StringComparer.Ordinal)
    {
        ["perpetrator"] = ["unknown"],
        ["started"] = ["days", "weeks", "months"],
    };

    /// <summary>Stores <paramref name="answer"/> as the answer to <paramref name="question"/>.</summary>
    public static InterviewState Apply(InterviewState state, string question, OptionAnswer answer)
    {
        var values = answer.PreferNot ? [] : answer.Values;
        var one = answer.PreferNot ? null : answer.Value;
        state = state.Answering(question);
        return question switch
        {
            "situations" => state with
            {
                Situations = [.. values.Where(v => v != InterviewChoices.NoProfile)],
                LearningOnly = values.Contains(InterviewChoices.NoProfile) && values.Count == 1,
            },
            "at_risk" => state with { AtRisk = one },
            "gender" => state with { Gender = one },
            "profile" => state with { Profiles = [.. values.Where(v => v != InterviewChoices.NoProfile)] },
            "urgency" => state with { Urgency = one },
            "perpetrator" => state with { Perpetrator = one },
            "relocation" => state with { Relocation = one },
            "publicity" => state with { Publicity = one },
            "remedies" => state with { DomesticRemedies = one },
            "started" => state with { Started = one },
            _ => state,
        };
    }

    /// <summary>What <paramref name="text"/>, an answer to <paramref name="answered"/>, also says about questions not answered yet.</summary>
    public InterviewState Absorb(InterviewState state, string? text, string language, string? answered)
    {
        if (string.IsNullOrWhiteSpace(text))
            return state;
        var utterance = Utterance.Parse(text, language);
        foreach (var question in FromAnywhere)
        {
            if (question == answered || state.Knows(question))
                continue;
            var named = understanding.ReadAnywhere(question, utterance).Options;
            if (named.Count == 0)
                continue;
            var several = question is "situations" or "profile";
            // "militia killed my friend and they send me threats": the friend is named strongly, but the story speaks of
            // its teller too. One answer among two is asked, not taken.
            var said = understanding.Read(utterance, question, anywhere: false).Options.Except(NoDoubt.GetValueOrDefault(question) ?? []);
            if (!several && (named.Count > 1 || said.Count() > 1))
                continue;
            state = Apply(state, question, new OptionAnswer(named, PreferNot: false));
        }
        if (answered != "country" && state.Country is null && !state.Knows("country") && places.Of(utterance) is { } country)
            state = state.Answering("country") with { Country = country };
        return state;
    }
}
