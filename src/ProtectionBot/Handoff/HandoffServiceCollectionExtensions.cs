using BotProtocol.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProtectionBot.Content;
using ProtectionBot.Handoff.Teams;
using ProtectionBot.Handoff.WhatsApp;
using ProtectionBot.Knowledge;
using ProtectionBot.Privacy;

namespace ProtectionBot.Handoff;

internal static class HandoffServiceCollectionExtensions
{
    /// <summary>
    /// The handoff to partner organisations: the defender's consent dialog, the caseworkers' desk, and the work
    /// handlers that post cases to Teams and WhatsApp caseworkers, move them on when nobody answers, and relay messages both ways.
    /// </summary>
    public static IHostApplicationBuilder AddHandoff(this IHostApplicationBuilder builder)
    {
        // The partners file is at Handoff:PartnersFile, relative to the content root.
        var partners = builder.Configuration[$"{HandoffOptions.Section}:{nameof(HandoffOptions.PartnersFile)}"] is { Length: > 0 } file ? file : new HandoffOptions().PartnersFile;
        builder.Services.AddSingleton(builder.LoadContent(root => PartnerDirectory.Load(Path.GetFullPath(partners, root), partners, builder.LoadCountries())));
        builder.Services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>());
        builder.Services.AddSingleton<PartnerRouter>();
        builder.Services.AddSingleton<CaseStore>();
        builder.Services.AddSingleton<CaseSummary>();
        builder.Services.AddSingleton<CaseCard>();
        builder.Services.AddSingleton<CaseProgress>();
        builder.Services.AddSingleton<CaseAcceptance>();
        builder.Services.AddSingleton<HandoffDialog>();
        builder.Services.AddSingleton<OwnCase>();
        builder.Services.AddSingleton<DefenderRelay>();
        builder.Services.AddSingleton<CaseworkerDesk>();
        builder.Services.AddSingleton<FileNotices>();
        builder.Services.AddSingleton<WhatsAppCaseworkers>();
        builder.Services.AddSingleton<WhatsAppCaseworkerDesk>();
        builder.Services.AddPersonalDataHolder<DefenderRelay>();
        builder.Services.AddPersonalDataHolder<WhatsAppCaseworkerDesk>();
        builder.Services.AddWorkHandler<OfferDelivery>();
        builder.Services.AddWorkHandler<OfferTimeout>();
        builder.Services.AddWorkHandler<CardUpdateDelivery>();
        builder.Services.AddWorkHandler<CaseworkerDelivery>();
        builder.Services.AddWorkHandler<DefenderDelivery>();
        builder.Services.AddHostedService<ExamplePartnersWarning>();
        return builder;
    }
}

/// <summary>Says at start-up, in production, that the partners file still holds the shipped examples.</summary>
internal sealed class ExamplePartnersWarning(PartnerDirectory partners, IHostEnvironment environment, ILogger<ExamplePartnersWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var examples = partners.All.Count(p => p.Example);
        if (examples > 0 && environment.IsProduction())
            HandoffLog.ExamplePartners(logger, examples);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
