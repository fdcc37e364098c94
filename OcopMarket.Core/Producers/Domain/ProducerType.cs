namespace OcopMarket.Core.Producers.Domain;

/// <summary>The kinds of entity (chủ thể) that may hold an OCOP certificate.</summary>
public enum ProducerType
{
    Cooperative = 1,
    CooperativeGroup = 2,
    Company = 3,
    Farm = 4,
    HouseholdBusiness = 5,
}

public static class ProducerTypes
{
    public static readonly IReadOnlyList<ProducerType> All = Enum.GetValues<ProducerType>();

    public static string Key(this ProducerType type) => type switch
    {
        ProducerType.Cooperative => "cooperative",
        ProducerType.CooperativeGroup => "cooperative-group",
        ProducerType.Company => "company",
        ProducerType.Farm => "farm",
        ProducerType.HouseholdBusiness => "household",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParseKey(string? key, out ProducerType type)
    {
        foreach (var t in All)
        {
            if (string.Equals(t.Key(), key, StringComparison.OrdinalIgnoreCase))
            {
                type = t;
                return true;
            }
        }
        type = default;
        return false;
    }
}
