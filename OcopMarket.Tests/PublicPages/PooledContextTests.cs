using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.PublicPages;
using OcopMarket.Core.PublicPages.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.PublicPages;

/// <summary>
/// The app's contexts come from a pool (DatabaseRegistration): a context leased again must not carry the pages an
/// earlier operation marked and never saved (a checkout refused for want of stock marks its product's page first).
/// </summary>
public sealed class PooledContextTests(OcopWebFactory factory) : IClassFixture<OcopWebFactory>
{
    [Fact]
    public async Task A_context_leased_again_saves_none_of_the_marks_of_an_operation_that_never_saved()
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        var unsaved = "product:" + Random.Shared.Next(1_000_000, 2_000_000);
        OcopDbContext first;
        await using (first = await contexts.CreateDbContextAsync())
            PageChangeRecorder.Changed(first, unsaved); // then dropped without a save, as a rolled-back checkout is

        // The pool hands contexts out in the order they came back (the app's workers use it too): lease until it is
        // the same instance again, which is what this test is about, holding the others meanwhile.
        var held = new List<OcopDbContext>();
        OcopDbContext? next = null;
        for (var i = 0; i < 200 && next is null; i++)
        {
            var leased = await contexts.CreateDbContextAsync();
            if (ReferenceEquals(leased, first)) next = leased;
            else held.Add(leased);
        }
        foreach (var other in held) await other.DisposeAsync();
        Assert.NotNull(next);
        await using var _ = next;
        var tea = await next.Products.SingleAsync(p => p.Slug == "che-dinh-tan-cuong");
        tea.SetStock(tea.Stock + 1);
        await next.SaveChangesAsync();

        var saved = await next.Set<PageChange>().AsNoTracking().OrderByDescending(c => c.Id).FirstAsync();
        Assert.Contains(PageTags.Product(tea.Id), saved.Tags.Split(' '));
        Assert.DoesNotContain(unsaved, saved.Tags.Split(' '));
    }
}
