namespace OcopMarket.Core.Legal;

public static class ConsentPaths
{
    /// <summary>The account's privacy page: what it agreed to, with the history, and the switches for the optional purposes.</summary>
    public const string PrivacySettings = "/tai-khoan/quyen-rieng-tu";

    /// <summary>Where a person accepts a new version of the terms (or, as a seller, the operating rules) they agreed to before.</summary>
    public const string TermsRenewal = "/tai-khoan/dieu-khoan-moi";
}
