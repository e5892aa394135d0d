using System.Text;
using System.Text.Json;
using BotProtocol.Schema;
using BotProtocol.State;

namespace BotProtocol.Tests.State;

public sealed class ConversationStateTests
{
    [Fact]
    public void A_stored_state_reads_back_as_it_was_written()
    {
        var state = new ConversationState();
        state.DialogStack.Add(new DialogInstance { Id = "interview.country", State = JsonElement.Parse("""{"promptId":"p-1","attempts":1,"options":{"prompt":{"type":"message","text":"¿En qué país está?"}}}""") });
        state.DialogStack.Add(new DialogInstance { Id = "interview" });
        state.Properties["language"] = JsonElement.Parse("\"es\"");
        state.Properties["case"] = JsonElement.Parse("""{"country":"CO","situations":["threats"]}""");
        state.Answered.Add(new AnsweredActivity("1", [], null));
        state.Answered.Add(new AnsweredActivity("2", [new Activity { Type = ActivityTypes.Message, Text = "¿Desde cuándo?" }], new InvokeResponse(200, JsonElement.Parse("{}"))) { Delivered = 0 });
        var written = JsonSerializer.SerializeToUtf8Bytes(state, ProtocolJsonContext.Default.ConversationState);

        var read = ConversationState.Parse(written);

        Assert.Equal(Encoding.UTF8.GetString(written), Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(read, ProtocolJsonContext.Default.ConversationState)));
        Assert.Equal("¿Desde cuándo?", read.Answered[1].Replies[0].Text);
        Assert.Equal(0, read.Answered[1].Delivered);
        Assert.Equal(200, read.Answered[1].InvokeResponse!.Status);
        Assert.Null(read.DialogStack[1].State);
        Assert.Equal("CO", read.Properties["case"].GetProperty("country").GetString());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"dialogStack":[{"state":{}}]}""")]
    [InlineData("""{"dialogStack":[{"id":7}]}""")]
    [InlineData("""{"dialogStack":{}}""")]
    [InlineData("""{"answered":[{"replies":[]}]}""")]
    [InlineData("""{"answered":[{"id":"1","delivered":"two"}]}""")]
    [InlineData("""{"properties":""")]
    public void A_malformed_state_is_a_json_error(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ConversationState.Parse(Encoding.UTF8.GetBytes(json)));
    }
}
