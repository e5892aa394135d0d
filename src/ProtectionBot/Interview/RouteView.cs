using System.Text.RegularExpressions;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Interview;

/// <summary>
/// One recommended route as the results show it: what it is (its name), why it fits in one sentence, the one thing to
/// do (call, write, open the official page), and the details behind it (the rest of the reasons, what to prepare, how
/// to send it, a deadline, a warning).
/// </summary>
internal sealed record RouteView(
    int Number, string Name, bool DoNow, string Why, string? MoreWhy, RouteAction Action,
    string Prepare, string Submit, string? Deadline, string? Note, string Link)
{
    /// <summary>The official page, unless the action already opens it.</summary>
    public bool HasOwnLink => Action.Target.AbsoluteUri != Link;
}

/// <summary>
/// What the person does first with a route: call its line (<c>tel:</c>), write to its helpdesk (<c>mailto:</c>) or
/// open its official page. <see cref="Title"/> is the button; <see cref="Shown"/> is what a text channel writes.
/// </summary>
internal sealed record RouteAction(string Title, Uri Target, string Shown);

internal static partial class RouteViews
{
    public static RouteView From(Recommendation recommendation, int number, Mechanism mechanism, TextCatalog texts, string language)
    {
        var reasons = recommendation.Reasons.Select(r => texts.Get(language, r.Key, [.. r.Arguments])).ToList();
        var (why, rest) = reasons.Count == 0 ? (mechanism.Name.In(language), "") : FirstSentence(reasons[0]);
        var moreWhy = string.Join(" ", new[] { rest }.Concat(reasons.Skip(1)).Where(r => r.Length > 0));
        var note = recommendation.Notes.Count == 0
            ? null
            : string.Join(" ", recommendation.Notes.Select(n => texts.Get(language, n.Key, [.. n.Arguments])));
        return new RouteView(
            number, mechanism.Name.In(language), recommendation.DoNow, why, moreWhy.Length == 0 ? null : moreWhy,
            ActionOf(mechanism, texts, language), mechanism.Prepare.In(language), mechanism.Submit.In(language),
            mechanism.TimeLimit?.In(language), note, mechanism.Links[0].AbsoluteUri);
    }

    /// <summary>
    /// A line with a phone is called; a line without one is written to; anything else starts on its official page
    /// (the form, the address to write to, the steps).
    /// </summary>
    public static RouteAction ActionOf(Mechanism mechanism, TextCatalog texts, string language)
    {
        if (mechanism.Phone is { } phone)
            return new RouteAction(texts.Get(language, "interview.result.action.call", phone), new Uri(PhoneNumber.TelUri(phone)), texts.Get(language, "interview.result.action.call", phone));
        if (mechanism.Email is { } email && mechanism.Kinds.Contains("emergency-line"))
            return new RouteAction(texts.Get(language, "interview.result.action.write", email), new Uri("mailto:" + email), texts.Get(language, "interview.result.action.write", email));
        var page = texts.Get(language, "interview.result.open_link");
        return new RouteAction(page, mechanism.Links[0], texts.Get(language, "interview.result.labelled", page, mechanism.Links[0].AbsoluteUri));
    }

    /// <summary>The first sentence and the rest; a reason is written one sentence a fact, the first saying what the route does.</summary>
    private static (string First, string Others) FirstSentence(string text)
    {
        var end = SentenceEnd().Match(text);
        return end.Success ? (text[..end.Index].Trim(), text[(end.Index + end.Length)..].Trim()) : (text, "");
    }

    /// <summary>Phone numbers in a text as Markdown <c>tel:</c> links, for cards (Web Chat and Teams render the link).</summary>
    public static string WithCallLinks(string text) =>
        InternationalNumber().Replace(text, m => $"[{m.Value}]({PhoneNumber.TelUri(m.Value)})");

    // After . ! ? or …, a space, then what starts a sentence: a capital, or Spanish ¿ ¡, or a quotation mark.
    [GeneratedRegex(@"(?<=[.!?…])\s+(?=[\p{Lu}¿¡«“""])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\+[1-9][0-9]{0,3}(?: [0-9]{1,6})+", RegexOptions.CultureInvariant)]
    private static partial Regex InternationalNumber();
}
