using ProtectionBot.Knowledge;
using ProtectionBot.Recommendations;

namespace ProtectionBot.Handoff;

/// <summary>
/// Which partners to offer a case to, best first; the ones after the first are the fallback order when a partner
/// declines or does not answer in time. A partner must take cases from the person's place and write in their
/// language; among those, someone in immediate danger goes to partners on call first, then a desk that is open now,
/// then the most local coverage and the partners working on the situation.
/// </summary>
internal sealed class PartnerRouter(PartnerDirectory partners)
{
    public IReadOnlyList<Partner> Route(CaseAnswers answers, Country? country, DateTimeOffset now) =>
        [.. partners.All
            .Where(p => p.WorksIn(country) && p.Languages.Contains(answers.Language))
            .OrderByDescending(p => answers.InImmediateDanger && p.OnCall)
            .ThenByDescending(p => IsAnswering(p, now))
            .ThenByDescending(p => Locality(p, country))
            .ThenByDescending(p => p.Topics.Count > 0 && answers.Situations.Any(p.Topics.Contains))
            .ThenBy(p => p.Id, StringComparer.Ordinal)];

    /// <summary>Someone is at the desk now.</summary>
    public static bool IsAnswering(Partner partner, DateTimeOffset now) =>
        partner.OnCall || partner.Hours?.IsOpen(now) != false;

    /// <summary>When a caseworker of <paramref name="partner"/> will usually have written, for a case offered at <paramref name="now"/>.</summary>
    public static DateTimeOffset ExpectedContact(Partner partner, DateTimeOffset now) =>
        (IsAnswering(partner, now) || partner.Hours is null ? now : partner.Hours.NextOpening(now)) + partner.ResponseTime;

    // A partner for this very country knows it best; one for the region next; one for anywhere last.
    private static int Locality(Partner partner, Country? country) =>
        country is null || partner.Covers.Count == 0 ? 0
        : partner.Covers.Contains(country.Code) ? 2
        : 1;
}
