namespace OcopMarket.Core.Common;

/// <summary>A business rule said no; the text is meant for the person who asked.</summary>
public class DomainException(UserText text) : UserFacingException(text);
