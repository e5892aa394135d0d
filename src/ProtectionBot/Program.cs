using BotProtocol.Hosting;
using ProtectionBot.Content;
using ProtectionBot.Conversation;
using ProtectionBot.Courses;
using ProtectionBot.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddBotProtocol();
builder.AddConversationStorage();
builder.AddContent();
builder.AddCourses();
builder.AddConversation();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapBotFramework("/api/messages");
app.MapHealthChecks("/healthz");

app.Run();

/// <summary>Visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
