namespace OcopMarket.Core.Common;

/// <summary>
/// Words meant for a person, in both of the shop's languages. Core does not know who is reading, so it says
/// everything twice and the UI picks one. Built with interpolation where it is used
/// (<c>new($"Chỉ còn {n}.", $"Only {n} left.")</c>), so each language orders its own words.
/// </summary>
public readonly record struct UserText(string Vi, string En);
