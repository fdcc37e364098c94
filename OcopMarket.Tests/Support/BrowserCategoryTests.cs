using System.Reflection;

namespace OcopMarket.Tests.Support;

/// <summary>
/// <c>dotnet test --filter "Category!=Browser"</c> is the quick run. That holds only while every class that drives
/// Chromium carries the trait, so one added without it fails here instead of slipping into the quick run.
/// </summary>
public sealed class BrowserCategoryTests
{
    private static bool HasAttribute(Type type, Type attribute, params object[] arguments) =>
        type.GetCustomAttributesData().Any(a => a.AttributeType == attribute
            && a.ConstructorArguments.Select(c => c.Value).SequenceEqual(arguments));

    private static bool IsBrowserCategory(Type type) => HasAttribute(type, typeof(TraitAttribute), "Category", "Browser");

    /// <summary>A class drives Chromium when it takes the browser fixture or has a browser fact.</summary>
    private static bool DrivesChromium(Type type) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(BrowserFixture)))
        || type.GetMethods().Any(m => m.GetCustomAttribute<BrowserFactAttribute>() is not null);

    [Fact]
    public void Every_class_that_drives_chromium_is_in_the_browser_category_and_no_other_class_is()
    {
        var classes = typeof(BrowserFixture).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract).ToList();
        var journeys = classes.Where(DrivesChromium).Select(t => t.Name).Order().ToList();
        Assert.Equal(["BookingJourneyTests", "BuyingJourneyTests", "CardPaymentJourneyTests", "ComplaintJourneyTests", "ErasureJourneyTests", "PortalJourneyTests", "ReviewJourneyTests", "SecurityHeadersJourneyTests", "StorefrontJourneyTests", "TraceabilityJourneyTests"], journeys);

        Assert.All(classes.Where(DrivesChromium), t =>
        {
            Assert.True(IsBrowserCategory(t), $"{t.Name} drives Chromium but lacks [Trait(\"Category\", \"Browser\")]");
            Assert.True(HasAttribute(t, typeof(CollectionAttribute), "browser"), $"{t.Name} drives Chromium outside the browser collection");
        });
        Assert.Equal(journeys, classes.Where(IsBrowserCategory).Select(t => t.Name).Order().ToList());
    }
}
