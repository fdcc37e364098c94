namespace OcopMarket.Core.Common;

/// <summary>The actor may not do this (or may not know the thing exists); nothing was changed.</summary>
public sealed class ForbiddenException(UserText text) : UserFacingException(text);

/// <summary>
/// The thing does not exist for this actor. Someone else's product id gets the same answer as a made-up one,
/// so ids cannot be probed.
/// </summary>
public sealed class NotFoundException(UserText text) : UserFacingException(text);
