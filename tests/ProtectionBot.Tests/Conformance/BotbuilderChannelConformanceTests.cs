using System.Text.Json;

namespace ProtectionBot.Tests.Conformance;

/// <summary>
/// Microsoft's own Bot Framework SDK for JavaScript (botbuilder 4.23.3) plays the channel against ProtectionBot on a
/// real socket: its skill client posts the activities of <c>tests/conformance/scenarios/interview-basics.json</c>, and
/// its own Connector routes and channel service handler receive the bot's replies. One run serves every test below;
/// each reads one promise of the protocol out of the run's report.
/// </summary>
public sealed class BotbuilderChannelConformanceTests(BotbuilderChannelRun run) : IClassFixture<BotbuilderChannelRun>
{
    private static readonly string[] ReplyOperations = ["replyToActivity", "sendToConversation"];

    [Fact]
    public void Botbuilder_channel_receives_replies_through_its_own_connector_server()
    {
        var step = run.Step("hola");

        Assert.True(step.HttpStatus == 200, run.Describe(step, "the bot should acknowledge a normal turn with 200"));
        Assert.True(step.Replies.Count > 0, run.Describe(step, "the bot should answer \"hola\" through the Connector"));
        Assert.All(step.Calls, call =>
        {
            Assert.True(call.Status is >= 200 and < 300, run.Describe(step, $"botbuilder's Connector refused {call.Method} {call.Path}"));
            Assert.Contains(call.Operation, ReplyOperations);
        });
        Assert.True(step.Problems.Count == 0, run.Describe(step, "botbuilder found problems in the replies"));
    }

    [Fact]
    public void Replies_name_the_activity_they_answer_on_a_percent_encoded_path()
    {
        var replyCalls = run.Report.Steps
            .Where(step => step.Via == "connector")
            .SelectMany(step => step.Calls.Where(call => call.Operation == "replyToActivity").Select(call => (step, call)))
            .ToList();

        Assert.NotEmpty(replyCalls);
        foreach (var (step, call) in replyCalls)
        {
            var sentId = step.Sent.GetProperty("id").GetString();
            var rawConversation = call.RawParams?.GetValueOrDefault("conversationId") ?? "";
            Assert.True(call.Params?.GetValueOrDefault("conversationId") == run.Report.ConversationId, run.Describe(step, $"{call.Path} does not decode to the conversation id"));
            Assert.True(rawConversation.IndexOfAny([':', '@', ';']) < 0, run.Describe(step, $"{call.Path} leaves ':', '@' or ';' unescaped"));
            Assert.True(call.Params?.GetValueOrDefault("activityId") == sentId, run.Describe(step, $"{call.Path} does not reply to {sentId}"));
        }
        Assert.All(run.Report.Steps.Where(step => step.Via == "connector"), step => Assert.DoesNotContain(step.Problems, p => p.Contains("replyToId", StringComparison.Ordinal) || p.Contains("percent-encoded", StringComparison.Ordinal)));
    }

    [Fact]
    public void Expect_replies_turns_answer_in_the_http_body_and_never_through_the_connector()
    {
        var step = run.Step("hola-expect-replies");

        Assert.True(step.HttpStatus == 200, run.Describe(step, "an expectReplies turn is answered with 200"));
        Assert.True(step.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("activities", out var activities) && activities.ValueKind == JsonValueKind.Array,
            run.Describe(step, "the body should be {\"activities\":[...]}"));
        Assert.True(step.Replies.Count > 0, run.Describe(step, "the buffered replies should include the answer to \"hola\""));
        Assert.True(step.Calls.Count == 0, run.Describe(step, "A3113: replies of an expectReplies turn must not also go through the Connector"));
        Assert.All(step.Replies, reply => Assert.Equal(run.Report.ConversationId, reply.GetProperty("conversation").GetProperty("id").GetString()));
        Assert.True(step.Problems.Count == 0, run.Describe(step, "botbuilder found problems in the buffered replies"));
    }

    [Fact]
    public void A_redelivered_activity_gets_the_same_replies_and_is_not_sent_twice()
    {
        var first = run.Step("hola-expect-replies");
        var buffered = run.Step("redelivered-expect-replies");
        var resent = run.Step("redelivered");

        Assert.Equal(first.Sent.GetProperty("id").GetString(), buffered.Sent.GetProperty("id").GetString());
        Assert.True(buffered.HttpStatus == 200, run.Describe(buffered, "a redelivery is still answered with 200"));
        Assert.True(buffered.Replies.Count == first.Replies.Count && buffered.Problems.Count == 0,
            run.Describe(buffered, "a redelivered expectReplies activity should get the replies of the first delivery again"));

        Assert.True(resent.HttpStatus == 200, run.Describe(resent, "a redelivery is still answered with 200"));
        Assert.True(resent.Calls.Count == 0, run.Describe(resent, "a redelivered activity must not make the bot send its replies again"));
    }

    [Fact]
    public void An_unknown_invoke_is_answered_501_as_botbuilder_does()
    {
        var step = run.Step("unknown-invoke");

        Assert.True(step.HttpStatus == 501, run.Describe(step, "an invoke nobody handles is answered 501"));
        Assert.True(step.Calls.Count == 0, run.Describe(step, "an unknown invoke should not make the bot talk"));
    }

    [Fact]
    public void Joining_the_conversation_is_acknowledged_and_any_greeting_is_accepted()
    {
        var step = run.Step("joined");

        Assert.True(step.HttpStatus == 200, run.Describe(step, "conversationUpdate is acknowledged with 200"));
        Assert.True(step.Problems.Count == 0, run.Describe(step, "botbuilder found problems in the greeting"));
    }

    [Fact]
    public void No_request_fails_with_a_server_error_and_botbuilder_accepts_every_connector_call()
    {
        foreach (var step in run.Report.Steps)
        {
            Assert.True(step.HttpStatus is not null, run.Describe(step, "the bot did not answer"));
            var expectedServerError = step.Name == "unknown-invoke" && step.HttpStatus == 501;
            Assert.True(step.HttpStatus < 500 || expectedServerError, run.Describe(step, $"the bot answered {step.HttpStatus}"));
            Assert.All(step.Calls, call => Assert.True(call.Status is >= 200 and < 300, run.Describe(step, $"botbuilder's Connector answered {call.Status} to {call.Method} {call.Path}")));
        }
        Assert.True(run.Report.Unattributed.Count == 0, run.Describe(null, "the bot called the Connector after its turn was over"));
    }

    [Fact]
    public void Botbuilder_finds_no_protocol_problem_in_the_whole_run()
    {
        var problems = run.Report.Steps.SelectMany(step => step.Problems.Select(p => $"{step.Name}: {p}")).Concat(run.Report.Problems).ToList();

        Assert.True(run.Report.Ok && problems.Count == 0, run.Describe(null, string.Join(Environment.NewLine, problems)));
    }
}
