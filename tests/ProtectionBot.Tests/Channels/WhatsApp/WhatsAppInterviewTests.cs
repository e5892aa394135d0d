using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Content;

namespace ProtectionBot.Tests.Channels.WhatsApp;

/// <summary>
/// A whole interview on WhatsApp, through <c>POST /api/whatsapp</c> and the real app, every question answered the way
/// the phone offers it (a button, a list row, numbers for the several-answers questions, typed words), ending with
/// the numbered recommendations. The fake Graph API refuses any message over WhatsApp's limits, so every message of
/// the interview is shown to fit.
/// </summary>
public sealed class WhatsAppInterviewTests
{
    [Fact]
    public async Task A_Colombian_defender_completes_the_interview_on_WhatsApp_and_gets_numbered_recommendations()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        string T(string key) => texts.Get("es", key);
        var phone = bot.Phone("573001234567");

        var heard = await phone.SaysAsync("hola");
        Assert.Equal(T("welcome"), heard[0].Text);
        Assert.Equal(T("interview.language.confirm"), heard[^1].Text);

        heard = await phone.TapsAsync(T("interview.language.keep"));
        Assert.Equal(T("interview.danger.ask"), heard[^1].Text);
        Assert.Equal([T("answer.yes"), T("answer.no")], heard[^1].Titles);

        heard = await phone.TapsAsync(T("answer.no"));
        Assert.Equal(T("interview.consent.notice"), heard[^1].Text);

        Assert.True(heard[^1].IsButtons, "a two-way question is two reply buttons, not a list behind a menu");
        Assert.Equal([T("interview.consent.yes"), T("interview.consent.no")], heard[^1].Titles);

        heard = await phone.TapsAsync(T("interview.consent.yes"));
        Assert.Equal(T("interview.country.ask"), heard[^1].Text);
        Assert.True(heard[^1].IsList, "the six regions are a list");

        heard = await phone.SaysAsync("estoy en Colombia");
        Assert.StartsWith(T("interview.situation.ask") + "\n\n1. " + T("interview.situation.threats") + "\n2. " + T("interview.situation.physical-attack"), heard[^1].Text, StringComparison.Ordinal);
        Assert.EndsWith(T("whatsapp.choose_many"), heard[^1].Text, StringComparison.Ordinal);

        heard = await phone.SaysAsync("1, 2");
        Assert.Equal(T("interview.at_risk.ask"), heard[^1].Text);

        Assert.Contains(T("answer.prefer_not"), heard[^1].Titles);

        heard = await phone.TapsAsync(T("interview.at_risk.self"));
        Assert.Equal(T("interview.gender.ask"), heard[^1].Text);
        Assert.Contains(T("answer.prefer_not"), heard[^1].Titles);

        heard = await phone.TapsAsync(T("interview.gender.woman"));
        Assert.StartsWith(T("interview.profile.ask"), heard[^1].Text, StringComparison.Ordinal);
        Assert.Contains("5. " + T("interview.profile.land-environment"), heard[^1].Text, StringComparison.Ordinal);

        Assert.Contains(T("answer.prefer_not"), heard[^1].Text, StringComparison.Ordinal);

        heard = await phone.SaysAsync("5");
        Assert.Equal(T("interview.urgency.ask"), heard[^1].Text);
        Assert.True(heard[^1].IsButtons, "a three-way question is three reply buttons, not a list behind a menu");
        Assert.Equal([T("interview.urgency.urgent"), T("interview.urgency.long-term"), T("answer.prefer_not")], heard[^1].Titles);

        heard = await phone.TapsAsync(T("interview.urgency.urgent"));
        Assert.Equal(T("interview.perpetrator.ask"), heard[^1].Text);
        Assert.Contains(T("answer.prefer_not"), heard[^1].Titles);

        heard = await phone.TapsAsync(T("interview.perpetrator.unknown"));
        Assert.Equal(T("interview.relocation.ask"), heard[^1].Text);
        Assert.Contains(T("answer.prefer_not"), heard[^1].Titles);

        heard = await phone.TapsAsync(T("interview.relocation.no"));
        Assert.Equal(T("interview.description.ask"), heard[^1].Text);
        Assert.Equal([T("interview.description.skip")], heard[^1].Titles);

        heard = await phone.TapsAsync(T("interview.description.skip"));

        // The recommendations, then the offer of a partner organisation, with its two buttons.
        var result = string.Join("\n\n", heard.SkipLast(1).Select(m => m.Text));
        Assert.StartsWith($"*{T("interview.result.title")}*", result, StringComparison.Ordinal);
        Assert.Contains("*1. ", result, StringComparison.Ordinal);
        Assert.Contains("*2. ", result, StringComparison.Ordinal);
        Assert.EndsWith(T("interview.result.next"), result, StringComparison.Ordinal);
        Assert.Equal(T("handoff.offer.ask"), heard[^1].Text);
        Assert.Equal([T("handoff.offer.yes"), T("handoff.offer.no")], heard[^1].Titles);
        Assert.DoesNotContain(bot.Graph.Requests, r => r.Status != 200);
        Assert.All(phone.Heard, m => Assert.True(m.Text.Length <= 4096));
    }

    [Fact]
    public async Task Every_several_answers_question_can_also_be_answered_in_words_and_a_country_picked_by_its_number()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        string T(string key) => texts.Get("en", key);
        var phone = bot.Phone("254712345678");

        await phone.SaysAsync("hello");
        await phone.TapsAsync(T("interview.language.keep"));
        await phone.TapsAsync(T("answer.no"));
        await phone.TapsAsync(T("interview.consent.yes"));
        var regions = await phone.TapsAsync(T("interview.region.africa"));
        Assert.Equal("text", regions[^1].Type);
        Assert.EndsWith(T("whatsapp.choose_one"), regions[^1].Text, StringComparison.Ordinal);
        var kenya = regions[^1].Text.Split('\n').Single(l => l.EndsWith(". Kenya", StringComparison.Ordinal));

        var heard = await phone.SaysAsync(kenya.Split('.')[0]);
        Assert.StartsWith(T("interview.situation.ask"), heard[^1].Text, StringComparison.Ordinal);

        heard = await phone.SaysAsync(T("interview.situation.digital-attack"));
        Assert.Equal(T("interview.at_risk.ask"), heard[^1].Text);
    }
}
