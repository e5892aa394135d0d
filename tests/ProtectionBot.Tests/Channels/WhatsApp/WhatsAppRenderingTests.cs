using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BotProtocol.Schema;
using ProtectionBot.Channels.WhatsApp;
using ProtectionBot.Content;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Channels.WhatsApp;

/// <summary>
/// How a reply looks on WhatsApp: within Meta's limits (the fake Graph API refuses anything over them), with every
/// option still choosable and no word cut in two.
/// </summary>
public sealed class WhatsAppRenderingTests
{
    private static readonly TextCatalog Texts = TextCatalog.Load(RepositoryFiles.Root);
    private static readonly OutboundRenderer Renderer = new(Texts);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Up_to_three_short_choices_are_reply_buttons_whose_ids_are_what_each_choice_stands_for()
    {
        var message = Single(Question("¿Seguimos en español?", ("Sí, en español", "es"), ("Français", "fr"), ("English", "en")));

        Assert.True(message.IsButtons);
        Assert.Equal("¿Seguimos en español?", message.Text);
        Assert.Equal([new OfferedOption("es", "Sí, en español", null), new("fr", "Français", null), new("en", "English", null)], message.Options);
    }

    [Fact]
    public void Choices_too_long_for_a_button_become_a_list_with_short_titles_and_the_whole_text_as_description()
    {
        var message = Single(Question("Who is at risk?", ("Me", "self"), ("Someone else (a colleague, a relative)", "someone-else"), ("My organisation or community", "organisation")) with { Locale = "en-US" });

        Assert.True(message.IsList);
        Assert.Equal("See options", (string?)message.Body["interactive"]!["action"]!["button"]);
        Assert.Equal(["Me", "Someone else", "My organisation or…"], message.Titles);
        Assert.Equal([null, "Someone else (a colleague, a relative)", "My organisation or community"], message.Options.Select(o => o.Description));
        Assert.Equal(["self", "someone-else", "organisation"], message.Options.Select(o => o.Id));
        Assert.Equal("Who is at risk?", message.Text);
    }

    [Fact]
    public void More_than_ten_choices_are_numbered_lines_answered_by_number_or_name()
    {
        var choices = Enumerable.Range(1, 11).Select(i => ($"Country {i}", $"C{i}")).ToArray();

        var message = Single(Question("Choose the country:", choices) with { Locale = "en-US" });

        Assert.Equal("text", message.Type);
        Assert.Contains("1. Country 1\n2. Country 2", message.Text, StringComparison.Ordinal);
        Assert.Contains("11. Country 11", message.Text, StringComparison.Ordinal);
        Assert.EndsWith(Texts.Get("en", "whatsapp.choose_one"), message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_select_card_becomes_numbered_lines_answered_with_numbers_and_loses_its_submit_button()
    {
        var card = JsonSerializer.SerializeToElement(JsonNode.Parse("""
            { "type": "AdaptiveCard", "version": "1.5", "body": [
                { "type": "TextBlock", "text": "¿Qué está pasando? Puede elegir más de una.", "wrap": true },
                { "type": "Input.ChoiceSet", "id": "interview.situations", "isMultiSelect": true, "style": "expanded", "choices": [
                    { "title": "Amenazas", "value": "threats" }, { "title": "Agresiones físicas", "value": "physical-attack" }, { "title": "Detención", "value": "arbitrary-detention" } ] } ],
              "actions": [ { "type": "Action.Submit", "title": "Enviar", "data": { "promptId": "p-1" } } ] }
            """), CloudApiJsonContext.Default.JsonNode);

        var message = Single(new Activity { Type = ActivityTypes.Message, Locale = "es-ES", Attachments = [new Attachment { ContentType = AttachmentContentTypes.AdaptiveCard, Content = card }] });

        Assert.Equal("text", message.Type);
        Assert.Equal($"¿Qué está pasando? Puede elegir más de una.\n\n1. Amenazas\n2. Agresiones físicas\n3. Detención\n\n{Texts.Get("es", "whatsapp.choose_many")}", message.Text);
        Assert.DoesNotContain("Enviar", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_over_4096_characters_goes_in_several_messages_cut_between_paragraphs()
    {
        var paragraphs = Enumerable.Range(1, 60).Select(i => $"{i}. " + string.Join(' ', Enumerable.Repeat("palabra", 12)) + ".").ToList();
        var text = string.Join("\n\n", paragraphs);

        var messages = Renderer.Render(new Activity { Type = ActivityTypes.Message, Text = text }).Select(m => new BotMessage(m)).ToList();

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(m.Text.Length <= WhatsAppLimits.TextBody));
        Assert.All(messages, m => Assert.EndsWith("palabra.", m.Text, StringComparison.Ordinal));
        Assert.Equal(text, string.Join("\n\n", messages.Select(m => m.Text)));
    }

    [Fact]
    public void A_long_question_with_buttons_sends_its_beginning_as_text_and_keeps_the_question_with_the_buttons()
    {
        var intro = string.Join(' ', Enumerable.Repeat("Esto es una frase de contexto.", 40));

        var messages = Renderer.Render(Question(intro + "\n\n¿Está de acuerdo?", ("Sí", "Sí"), ("No", "No"))).Select(m => new BotMessage(m)).ToList();

        Assert.Equal(2, messages.Count);
        Assert.Equal("text", messages[0].Type);
        Assert.Equal("¿Está de acuerdo?", messages[1].Text);
        Assert.True(messages[1].IsButtons);
    }

    [Theory]
    [InlineData("Someone else (a colleague, a relative)", 20, "Someone else")]
    [InlineData("It is over; I want justice in the long run", 24, "It is over; I want…")]
    [InlineData("Oriente Medio y Norte de África", 24, "Oriente Medio y Norte…")]
    [InlineData("Anticonstitucionalmentemente", 20, "Anticonstitucionalm…")]
    [InlineData("Short", 20, "Short")]
    public void Titles_are_shortened_at_a_word_never_inside_one(string title, int max, string expected)
    {
        var shortened = OutboundRenderer.Shorten(title, max);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= max);
    }

    [Fact]
    public void Links_of_a_card_are_written_out_since_WhatsApp_shows_no_card()
    {
        var card = JsonSerializer.SerializeToElement(JsonNode.Parse("""
            { "type": "AdaptiveCard", "body": [ { "type": "TextBlock", "text": "**Front Line Defenders**" },
              { "type": "FactSet", "facts": [ { "title": "Teléfono", "value": "+353 1 210 0489" } ] } ],
              "actions": [ { "type": "Action.OpenUrl", "title": "Página oficial", "url": "https://www.frontlinedefenders.org" } ] }
            """), CloudApiJsonContext.Default.JsonNode);

        var message = Single(new Activity { Type = ActivityTypes.Message, Attachments = [new Attachment { ContentType = AttachmentContentTypes.AdaptiveCard, Content = card }] });

        Assert.Equal("*Front Line Defenders*\n\nTeléfono: +353 1 210 0489\n\nPágina oficial: https://www.frontlinedefenders.org", message.Text);
    }

    [Fact]
    public async Task The_fake_Graph_API_refuses_what_Meta_refuses_with_Meta_error_body()
    {
        await using var graph = await FakeWhatsAppCloudApi.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(graph.BaseUrl) };
        graph.UserWrote("34600000000", DateTimeOffset.UtcNow);

        static JsonObject Buttons(int count, string title = "Sí") => Interactive(new JsonObject
        {
            ["type"] = "button",
            ["body"] = new JsonObject { ["text"] = "¿?" },
            ["action"] = new JsonObject { ["buttons"] = new JsonArray([.. Enumerable.Range(1, count).Select(i => new JsonObject { ["type"] = "reply", ["reply"] = new JsonObject { ["id"] = $"b{i}", ["title"] = $"{title} {i}" } })]) },
        });
        static JsonObject List(int rows, string title = "Fila") => Interactive(new JsonObject
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = "¿?" },
            ["action"] = new JsonObject
            {
                ["button"] = "Ver opciones",
                ["sections"] = new JsonArray(new JsonObject { ["rows"] = new JsonArray([.. Enumerable.Range(1, rows).Select(i => new JsonObject { ["id"] = $"r{i}", ["title"] = $"{title} {i}" })]) }),
            },
        });

        Assert.Equal(200, await SendAsync(Buttons(3)));
        Assert.Equal(100, await SendAsync(Buttons(4)));
        Assert.Equal(100, await SendAsync(Buttons(1, new string('x', 19))));
        Assert.Equal(200, await SendAsync(List(10)));
        Assert.Equal(100, await SendAsync(List(11)));
        Assert.Equal(100, await SendAsync(List(1, new string('x', 23))));
        Assert.Equal(200, await SendAsync(Text(new string('a', 4096))));
        Assert.Equal(100, await SendAsync(Text(new string('a', 4097))));
        Assert.Equal(131047, await SendAsync(Text("hola"), to: "573000000000"));
        Assert.Equal(200, await SendAsync(new JsonObject { ["type"] = "template", ["template"] = new JsonObject { ["name"] = "caseworker_notification", ["language"] = new JsonObject { ["code"] = "es" } } }, to: "573000000000"));
        Assert.Equal(190, await SendAsync(Text("hola"), token: "wrong"));

        var refusal = graph.Requests[^1].Answer["error"]!;
        Assert.Equal("OAuthException", (string?)refusal["type"]);
        Assert.NotNull((string?)refusal["message"]);
        Assert.NotNull((string?)refusal["fbtrace_id"]);
        Assert.Equal("whatsapp", (string?)refusal["error_data"]!["messaging_product"]);

        async Task<int> SendAsync(JsonObject message, string to = "34600000000", string token = FakeWhatsAppCloudApi.AccessToken)
        {
            message["messaging_product"] = "whatsapp";
            message["to"] = to;
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v23.0/{FakeWhatsAppCloudApi.PhoneNumberId}/messages")
            {
                Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, Ct);
            if (response.StatusCode == HttpStatusCode.OK)
                return 200;
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetProperty("code").GetInt32();
        }
    }

    private static JsonObject Interactive(JsonObject interactive) => new() { ["type"] = "interactive", ["interactive"] = interactive };

    private static JsonObject Text(string body) => new() { ["type"] = "text", ["text"] = new JsonObject { ["body"] = body } };

    private static Activity Question(string text, params (string Title, string Value)[] choices) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Locale = "es-ES",
        SuggestedActions = new SuggestedActions { Actions = [.. choices.Select(c => CardAction.ImBack(c.Title, c.Value))] },
    };

    private static BotMessage Single(Activity activity) => new(Assert.Single(Renderer.Render(activity)));
}
