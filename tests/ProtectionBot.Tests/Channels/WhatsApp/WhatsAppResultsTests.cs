using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Content;
using ProtectionBot.Interview;
using ProtectionBot.Knowledge;

namespace ProtectionBot.Tests.Channels.WhatsApp;

/// <summary>
/// The results on a cheap phone's WhatsApp: a first message of one screen with the one to three things to do now, each
/// with why and one action; then every route in a message of its own, never cut in two, each under one screen
/// (<see cref="PhoneScreen"/>), each address written once; "More options" for the rest, trainings last. The defenders
/// type their answers as they would on a phone.
/// </summary>
public sealed partial class WhatsAppResultsTests
{
    [Fact]
    public async Task A_Colombian_land_defender_gets_what_to_do_now_on_one_screen_then_each_route_in_its_own_message()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var phone = bot.Phone("573001234567");

        await phone.SaysAsync("hola");
        await phone.SaysAsync("si en español");
        await phone.SaysAsync("no");
        await phone.SaysAsync("si de acuerdo");
        await phone.SaysAsync("colombia");
        await phone.SaysAsync("1, 10");
        await phone.SaysAsync("yo");
        await phone.SaysAsync("soy mujer");
        await phone.SaysAsync("5");
        await phone.SaysAsync("es grave y sigue pasando");
        await phone.SaysAsync("no se quienes son");
        await phone.SaysAsync("no, me quedo");
        var heard = await phone.SaysAsync("me amenazan desde que denunciamos la mina");

        var results = Results(bot, heard, "es");
        Assert.Equal("Medidas cautelares de la Comisión Interamericana de Derechos Humanos (CIDH)", results.Routes[0].Name);
        Assert.Contains("\nPágina oficial: https://", results.FirstScreen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Kenyan_defender_in_danger_now_is_first_told_to_call_the_emergency_line_with_a_number_whatsapp_links()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var phone = bot.Phone("254712345678");

        await phone.SaysAsync("hello");
        await phone.SaysAsync("yes english");
        var emergency = await phone.SaysAsync("yes");
        Assert.Contains(emergency, m => m.Text.Contains("+353 1 210 0489", StringComparison.Ordinal));
        await phone.SaysAsync("not now");
        await phone.SaysAsync("yes i agree");
        await phone.SaysAsync("kenya");
        await phone.SaysAsync("2");
        await phone.SaysAsync("me");
        await phone.SaysAsync("man");
        await phone.SaysAsync("4");
        var heard = await phone.SaysAsync("no i will stay");
        heard = heard[^1].Text.StartsWith(Texts(bot, "en", "interview.description.ask"), StringComparison.Ordinal)
            ? await phone.SaysAsync("skip")
            : heard;

        var results = Results(bot, heard, "en");
        Assert.Equal("Front Line Defenders 24-hour emergency line", results.Routes[0].Name);
        Assert.Contains("*1. Front Line Defenders 24-hour emergency line*\nYou told me", results.FirstScreen, StringComparison.Ordinal);
        Assert.Contains("\nCall +353 1 210 0489", results.FirstScreen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Cameroonian_woman_defender_sees_more_options_on_request_each_route_alone_and_the_trainings_last()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var phone = bot.Phone("237650000000");

        await phone.SaysAsync("bonjour");
        await phone.SaysAsync("oui en francais");
        await phone.SaysAsync("non");
        await phone.SaysAsync("oui d'accord");
        await phone.SaysAsync("Cameroun");
        await phone.SaysAsync("8 et 1");
        await phone.SaysAsync("moi");
        await phone.SaysAsync("je suis une femme");
        await phone.SaysAsync("1");
        await phone.SaysAsync("c'est grave et ca continue");
        await phone.SaysAsync("non");
        var heard = await phone.SaysAsync("passer");

        var results = Results(bot, heard, "fr");
        var more = await phone.TapsAsync(Texts(bot, "fr", "interview.result.more.button"));

        // Every later route alone in its message, numbered on from the first ones; then the trainings; then the
        // pending question again, still answerable.
        var later = more.TakeWhile(m => RouteHeading().IsMatch(m.Text)).ToList();
        Assert.NotEmpty(later);
        Assert.Equal(Enumerable.Range(results.Routes.Count + 1, later.Count), later.Select(m => Heading(m.Text).Number));
        Assert.All(later, m => AssertOneRouteOnOneScreen(m.Text));
        var trainings = more.Skip(later.Count).SkipLast(1).ToList();
        Assert.NotEmpty(trainings);
        Assert.StartsWith($"*{Texts(bot, "fr", "interview.result.trainings")}*", trainings[0].Text, StringComparison.Ordinal);
        Assert.All(trainings, m => Assert.True(PhoneScreen.Fits(m.Text), $"{PhoneScreen.LinesOf(m.Text)} lines:\n{m.Text}"));
        Assert.Equal(Texts(bot, "fr", "handoff.offer.ask"), more[^1].Text);
        Assert.All(more.SkipLast(1), m => AssertEachAddressOnce(m.Text));
    }

    [Fact]
    public async Task More_options_typed_before_any_result_is_an_ordinary_answer()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var phone = bot.Phone("573001234568");

        await phone.SaysAsync("hola");
        var heard = await phone.SaysAsync("más opciones");

        Assert.DoesNotContain(heard, m => m.Text == Texts(bot, "es", "interview.result.more.none") || RouteHeading().IsMatch(m.Text));
    }

    /// <summary>
    /// The results out of what the bot said after the last answer, checked for the phone: the first message is one
    /// screen with one to three things to do, each with a line to act on; each route is alone in a message of one
    /// screen; at most five routes before "More options"; no address twice.
    /// </summary>
    private static ShownResults Results(WhatsAppBot bot, IReadOnlyList<BotMessage> heard, string language)
    {
        var title = $"*{Texts(bot, language, "interview.result.title")}*";
        var start = heard.ToList().FindIndex(m => m.Text.StartsWith(title, StringComparison.Ordinal));
        Assert.True(start >= 0, $"No results in: {BotMessage.Describe(heard)}");
        var first = heard[start].Text;
        var routeMessages = heard.Skip(start + 1).TakeWhile(m => RouteHeading().IsMatch(m.Text)).ToList();
        var closing = heard[start + 1 + routeMessages.Count];
        // What the phone shows, for a person reviewing the test run.
        foreach (var message in heard.Skip(start))
            TestContext.Current.TestOutputHelper?.WriteLine($"--- {PhoneScreen.LinesOf(message.Text)} lines\n{message}");

        Assert.True(PhoneScreen.Fits(first), $"The first message takes {PhoneScreen.LinesOf(first)} lines of a {PhoneScreen.Lines}-line screen:\n{first}");
        var doNow = RouteHeading().Matches(first).Select(m => m.Value).ToList();
        Assert.InRange(doNow.Count, 1, ResultPresenter.DoNowAtMost);
        var names = bot.App.Services.GetRequiredService<KnowledgeBase>().Mechanisms.Values.Select(m => m.Name.In(language)).ToHashSet();
        foreach (var item in first.Split("\n\n").Where(p => RouteHeading().IsMatch(p)))
        {
            var lines = item.Split('\n');
            Assert.True(lines.Length == 3, $"a thing to do now is what, why and one action:\n{item}");
            Assert.Contains(Heading(lines[0]).Name, names);
            Assert.Matches(ActionLine(bot, language), lines[2]);
        }

        Assert.InRange(routeMessages.Count, 1, ResultPresenter.FirstRoutes);
        Assert.Equal(Enumerable.Range(1, routeMessages.Count), routeMessages.Select(m => Heading(m.Text).Number));
        Assert.All(routeMessages, m => AssertOneRouteOnOneScreen(m.Text));
        Assert.All(routeMessages, m => Assert.Contains(Heading(m.Text).Name, names));
        // The things to do now are the first routes, in the same order.
        Assert.Equal(doNow, routeMessages.Take(doNow.Count).Select(m => RouteHeading().Match(m.Text).Value));
        AssertEachAddressOnce(string.Join("\n", new[] { first }.Concat(routeMessages.Select(m => m.Text))), acrossMessages: true);

        Assert.EndsWith(Texts(bot, language, "interview.result.next"), closing.Text, StringComparison.Ordinal);
        if (closing.IsButtons)
            Assert.Equal([Texts(bot, language, "interview.result.more.button")], closing.Titles);
        Assert.Equal(Texts(bot, language, "handoff.offer.ask"), heard[^1].Text);
        return new ShownResults(first, [.. routeMessages.Select(m => Heading(m.Text))]);
    }

    private static void AssertOneRouteOnOneScreen(string message)
    {
        Assert.Single(RouteHeading().Matches(message));
        Assert.True(PhoneScreen.Fits(message), $"A route takes {PhoneScreen.LinesOf(message)} lines of a {PhoneScreen.Lines}-line screen:\n{message}");
    }

    /// <summary>
    /// No address twice in a message; across the results, no address given twice as a line of its own (the action
    /// or the official page). An address quoted inside how to send something is part of that sentence.
    /// </summary>
    private static void AssertEachAddressOnce(string text, bool acrossMessages = false)
    {
        var urls = acrossMessages
            ? [.. LinkLine().Matches(text).Select(m => m.Groups[1].Value)]
            : Url().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ')')).ToList();
        Assert.True(urls.Count == urls.Distinct().Count(), $"an address is given twice:\n{text}");
    }

    private static Regex ActionLine(WhatsAppBot bot, string language)
    {
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        var call = Regex.Escape(texts.Get(language, "interview.result.action.call", "\u0001")).Replace("\u0001", @"\+[1-9][0-9]{0,3}( [0-9]{1,6})+", StringComparison.Ordinal);
        var write = Regex.Escape(texts.Get(language, "interview.result.action.write", "\u0001")).Replace("\u0001", @"\S+@\S+", StringComparison.Ordinal);
        var open = Regex.Escape(texts.Get(language, "interview.result.labelled", texts.Get(language, "interview.result.open_link"), "\u0001")).Replace("\u0001", "https://", StringComparison.Ordinal);
        return new Regex($"^(?:{call}|{write}|{open})");
    }

    private static (int Number, string Name) Heading(string text)
    {
        var match = RouteHeading().Match(text);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value);
    }

    private static string Texts(WhatsAppBot bot, string language, string key) =>
        bot.App.Services.GetRequiredService<TextCatalog>().Get(language, key);

    private sealed record ShownResults(string FirstScreen, IReadOnlyList<(int Number, string Name)> Routes);

    [GeneratedRegex(@"^\*([0-9]+)\. ([^*\n]+)\*$", RegexOptions.Multiline)]
    private static partial Regex RouteHeading();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();

    [GeneratedRegex(@"^(?:[^:\n]+: )?(https?://\S+)$", RegexOptions.Multiline)]
    private static partial Regex LinkLine();
}
