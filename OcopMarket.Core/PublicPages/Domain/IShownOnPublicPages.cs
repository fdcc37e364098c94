namespace OcopMarket.Core.PublicPages.Domain;

/// <summary>
/// An entity public pages show. It names the pages (<see cref="PageTags"/>) that a change to it changes, so
/// <see cref="PageChangeRecorder"/> can evict them without knowing any capability's entities.
/// </summary>
public interface IShownOnPublicPages
{
    /// <param name="isNew">The row is being added: it has no page of its own yet, and its key may not be assigned.</param>
    IEnumerable<string> PagesShowing(bool isNew);
}
