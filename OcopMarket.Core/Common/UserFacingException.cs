namespace OcopMarket.Core.Common;

/// <summary>
/// A refusal written for the person who asked, in both languages (<see cref="Text"/>); the UI shows the
/// visitor's one. <see cref="Exception.Message"/> is the Vietnamese text, for logs and for the shop's default
/// language. Programmer errors (bad arguments, bad configuration) are other exception types and are never shown.
/// </summary>
public abstract class UserFacingException(UserText text) : Exception(text.Vi)
{
    public UserText Text { get; } = text;
}
