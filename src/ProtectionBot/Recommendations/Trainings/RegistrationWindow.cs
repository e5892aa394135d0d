using ProtectionBot.Knowledge;

namespace ProtectionBot.Recommendations.Trainings;

/// <summary>
/// Whether someone can register for a training today. A dated training is open while now is inside an edition's
/// window (an edition without an opening date is open until its deadline, as the catalogue's rule says), upcoming when
/// an edition opens later, and closed once every deadline has passed. Deadlines carry their offset, so comparing
/// instants respects the organiser's time zone.
/// </summary>
internal static class RegistrationWindow
{
    public static (RegistrationStatus Status, TrainingEdition? Edition) At(Training training, DateTimeOffset now) => training.Availability switch
    {
        "always" => (RegistrationStatus.AlwaysOpen, null),
        "on-request" => (RegistrationStatus.OnRequest, null),
        _ => Dated(training.Editions, now),
    };

    private static (RegistrationStatus, TrainingEdition?) Dated(IReadOnlyList<TrainingEdition> editions, DateTimeOffset now)
    {
        var open = editions
            .Where(e => (e.RegistrationOpens is null || e.RegistrationOpens <= now) && now <= e.RegistrationCloses)
            .MinBy(e => e.RegistrationCloses);
        if (open is not null)
            return (RegistrationStatus.Open, open);
        var upcoming = editions.Where(e => e.RegistrationOpens > now).MinBy(e => e.RegistrationOpens);
        if (upcoming is not null)
            return (RegistrationStatus.Upcoming, upcoming);
        var latest = editions.MaxBy(e => e.RegistrationCloses);
        return latest is null ? (RegistrationStatus.NoCurrentEdition, null) : (RegistrationStatus.Closed, latest);
    }
}
