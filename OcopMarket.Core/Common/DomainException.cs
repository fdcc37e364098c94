namespace OcopMarket.Core.Common;

/// <summary>A business rule said no; the message is meant for the person who asked.</summary>
public class DomainException(string message) : Exception(message);
