namespace OcopMarket.Core.Legal;

public static class ConsentPaths
{
    /// <summary>The account's privacy page: what it agreed to, with the history, and the switches for the optional purposes.</summary>
    public const string PrivacySettings = "/tai-khoan/quyen-rieng-tu";
}
