using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Producers;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Core.Seeding;

namespace OcopMarket.Tests.Support;

/// <summary>A producer a journey made for itself: how to sign in as it, and the actor Core services know it by.</summary>
public sealed record JourneyProducer(int Id, string Name, string Email, Actor Actor)
{
    public const string Password = "matkhau2026";
}

/// <summary>A product a journey made for itself.</summary>
public sealed record JourneyProduct(int Id, string Slug, string Name, long PriceVnd);

/// <summary>
/// Rows a browser journey makes for itself in the shared app, through the app's own services (an account that
/// applies to sell and is approved, products created, certified and published as the portal does it). A journey
/// that changes anything changes only these, so no journey sees what another did, whatever order they run in;
/// seeded rows stay as seeded for the journeys that only read them.
/// </summary>
public static class JourneyData
{
    /// <summary>An approved producer in Xã Tân Cương, Thái Nguyên, with an account that signs in with <see cref="JourneyProducer.Password"/>.</summary>
    public static async Task<JourneyProducer> NewProducerAsync(OcopWebFactory app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"journey-{Guid.NewGuid():N}@example.test";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Succeeded(await users.CreateAsync(user, JourneyProducer.Password));
        Succeeded(await users.AddToRoleAsync(user, Roles.Buyer));

        var onboarding = scope.ServiceProvider.GetRequiredService<ProducerOnboardingService>();
        var applicationId = await onboarding.ApplyAsync(new Actor(user.Id, null, false), new ProducerApplicationForm(
            name, ProducerType.Cooperative, "4600" + Random.Shared.Next(100_000, 999_999), "19", "05503", "0912 345 678",
            "Hợp tác xã của một hành trình thử nghiệm.", "Xóm 3", AcceptsSellerRules: true));
        var officer = await users.FindByEmailAsync(AccountSeeder.DemoAdminEmail)
                      ?? throw new InvalidOperationException("The Development start-up seeds the demo officer.");
        var producerId = await onboarding.ApproveAsync(new Actor(officer.Id, null, true), applicationId, linkToProducerId: null, identityChecked: true);
        return new JourneyProducer(producerId, name, email, new Actor(user.Id, producerId, false));
    }

    /// <summary>
    /// A product of the producer with the stock given; with <paramref name="certificateStars"/> it also gets a
    /// current provincial certificate (issued 1 March 2025, valid to 2028) and is published.
    /// </summary>
    public static async Task<JourneyProduct> NewProductAsync(OcopWebFactory app, JourneyProducer producer, string name,
        string productSetCode, long priceVnd, int stock, int? certificateStars = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var portal = scope.ServiceProvider.GetRequiredService<ProducerPortalService>();
        var groupKey = ReferenceData.Sets.Single(s => s.Code == productSetCode).Group;
        var group = OcopGroups.All.Single(g => g.Key() == groupKey);
        var id = await portal.CreateAsync(producer.Actor, new ProductForm(name, group, productSetCode, "hộp", priceVnd, stock,
            $"{name}: sản phẩm của hành trình thử nghiệm."));
        if (certificateStars is { } stars)
        {
            await portal.AddCertificateAsync(producer.Actor, id,
                new CertificateForm(stars, $"{id}/QĐ-UBND", stars == 5 ? CertifyingLevel.Central : CertifyingLevel.Province, new DateOnly(2025, 3, 1)));
            await portal.PublishAsync(producer.Actor, id);
        }
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        var slug = await db.Products.Where(p => p.Id == id).Select(p => p.Slug).SingleAsync();
        return new JourneyProduct(id, slug, name, priceVnd);
    }

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
