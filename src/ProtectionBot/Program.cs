using BotProtocol.Hosting;
using ProtectionBot.Channels.WhatsApp;
using ProtectionBot.Channels.WebChat;
using ProtectionBot.Content;
using ProtectionBot.Conversation;
using ProtectionBot.Courses;
using ProtectionBot.Diagnostics;
using ProtectionBot.Handoff;
using ProtectionBot.Knowledge;
using ProtectionBot.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddBotProtocol();
builder.AddConversationStorage();
builder.AddContent();
builder.AddKnowledge();
builder.AddCourses();
builder.AddConversation();
builder.AddHandoff();
builder.AddWhatsAppChannel();
builder.AddWebChat();
builder.AddDiagnostics();
builder.AddTelemetry();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();
app.MapBotFramework("/api/messages");
app.MapWhatsApp("/api/whatsapp");
app.MapWebChat();
app.MapHealthChecks("/healthz");
app.MapDiagnostics("/diagnostics");

app.Run();

/// <summary>Visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
