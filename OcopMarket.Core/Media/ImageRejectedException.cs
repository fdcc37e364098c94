using OcopMarket.Core.Common;

namespace OcopMarket.Core.Media;

/// <summary>
/// An upload that the pipeline refuses because of what the user sent (too big, not an image, corrupt).
/// Its <see cref="UserFacingException.Text"/> is written to be shown to the user as it is.
/// Faults of our own (an encoder failing, a full disk) are other exception types and must not be shown.
/// </summary>
public sealed class ImageRejectedException(UserText text) : UserFacingException(text);
