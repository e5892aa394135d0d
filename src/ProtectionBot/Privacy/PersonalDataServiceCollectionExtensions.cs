namespace ProtectionBot.Privacy;

internal static class PersonalDataServiceCollectionExtensions
{
    /// <summary>
    /// Makes <typeparamref name="THolder"/> (a singleton already registered) one of the holders every erasure asks:
    /// whatever keeps something about a person outside their conversation's document registers here.
    /// </summary>
    public static IServiceCollection AddPersonalDataHolder<THolder>(this IServiceCollection services)
        where THolder : class, IPersonalDataHolder
    {
        services.AddSingleton<IPersonalDataHolder>(provider => provider.GetRequiredService<THolder>());
        return services;
    }
}
