using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Channels.WhatsApp;
using ProtectionBot.Content;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Channels.WhatsApp;

/// <summary>Until the person chooses, the bot speaks the language of their number's country; then their choice.</summary>
public sealed class WhatsAppLanguageTests
{
    private static readonly CallingCodeLanguage Guess = new(CountryCatalog.Load(RepositoryFiles.Root, UnderstandingContent.Words));

    [Theory]
    [InlineData("573001234567", "es")]  // Colombia
    [InlineData("5215512345678", "es")] // Mexico
    [InlineData("33612345678", "fr")]   // France
    [InlineData("243812345678", "fr")]  // DR Congo
    [InlineData("237612345678", "fr")]  // Cameroon
    [InlineData("254712345678", "en")]  // Kenya
    [InlineData("639171234567", "en")]  // the Philippines
    [InlineData("18095551234", "es")]   // the Dominican Republic, inside +1
    [InlineData("12025550123", "en")]   // the United States and Canada
    [InlineData("79161234567", "en")]   // Russia and Kazakhstan share +7
    [InlineData("212612345678", "fr")]  // Morocco, whose code Western Sahara shares
    [InlineData("8881234", "en")]       // no country
    public void The_calling_code_of_the_number_gives_the_first_guess(string waId, string language) =>
        Assert.Equal(language, Guess.Guess(waId));

    [Fact]
    public async Task A_number_from_France_is_greeted_in_French_and_a_choice_of_Spanish_is_kept_from_then_on()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();
        var phone = bot.Phone("33612345678");

        var greeting = await phone.SaysAsync("bonjour");
        Assert.Equal(texts.Get("fr", "welcome"), greeting[0].Text);
        Assert.Equal(["Oui, en français", "Español", "English"], greeting[^1].Titles);

        await phone.TapsAsync("Español");
        var consent = (await phone.TapsAsync("No"))[^1];

        // Yes and no stay two buttons: their titles fit WhatsApp's 20 characters.
        Assert.Equal(texts.Get("es", "interview.consent.notice"), consent.Text);
        Assert.False(consent.IsList);
        Assert.Equal([texts.Get("es", "interview.consent.yes"), texts.Get("es", "interview.consent.no")], consent.Titles);
    }

    [Fact]
    public async Task A_number_from_Kenya_is_greeted_in_English()
    {
        await using var bot = await WhatsAppBot.StartAsync();
        var texts = bot.App.Services.GetRequiredService<TextCatalog>();

        var greeting = await bot.Phone("254712345678").SaysAsync("hello");

        Assert.Equal(texts.Get("en", "welcome"), greeting[0].Text);
        Assert.Equal(texts.Get("en", "interview.language.confirm"), greeting[^1].Text);
    }
}
