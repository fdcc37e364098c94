using OcopMarket.Core.Common;

namespace OcopMarket.Core.Media;

/// <summary>The "Media" section: Root, the folder for uploaded photos, certificate scans and lot attachments.</summary>
public sealed class MediaOptions : IValidatedSettings
{
    public const string Section = "Media";

    /// <summary>Relative paths are taken from the app's content root.</summary>
    public string Root { get; set; } = Path.Combine("App_Data", "media");

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Root)) yield return "Media:Root is empty: set a folder the app may write to.";
    }
}
