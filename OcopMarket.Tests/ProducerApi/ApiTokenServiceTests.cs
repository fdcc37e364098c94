using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.ProducerApi;
using OcopMarket.Core.ProducerApi.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.ProducerApi;

public class ApiTokenTests
{
    [Fact]
    public void A_token_is_random_kept_only_as_its_hash_and_needs_a_name_and_a_scope()
    {
        var (token, secret) = ApiToken.Create(7, "u1", " Phần mềm kho ", ApiScopes.ReadOrders, DateTime.UtcNow);
        Assert.StartsWith(ApiToken.Prefix, secret);
        Assert.True(secret.Length >= 40);
        Assert.Equal(ApiToken.HashOf(secret), token.Hash);
        Assert.DoesNotContain(secret, token.Hash);
        Assert.StartsWith(token.Hint, secret);
        Assert.Equal("Phần mềm kho", token.Name);
        Assert.NotEqual(secret, ApiToken.Create(7, "u1", "x", ApiScopes.ReadOrders, DateTime.UtcNow).Secret);
        Assert.Throws<DomainException>(() => ApiToken.Create(7, "u1", " ", ApiScopes.ReadOrders, DateTime.UtcNow));
        Assert.Throws<DomainException>(() => ApiToken.Create(7, "u1", "x", ApiScopes.None, DateTime.UtcNow));
        Assert.Throws<DomainException>(() => ApiToken.Create(7, "u1", "x", (ApiScopes)64, DateTime.UtcNow));
    }
}

public abstract class ApiTokenServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ApiTokenServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ApiTokenServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private ApiTokenService _tokens = null!;
    private Actor _haoDat = null!, _vanHuong = null!, _buyer = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _vanHuong, _, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        _tokens = new ApiTokenService(_db, _db.Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [SkippableFact]
    public async Task A_token_acts_as_its_producer_until_revoked_and_another_producer_cannot_revoke_it()
    {
        var (id, secret) = await _tokens.CreateAsync(_haoDat, "Kho", ApiScopes.ReadOrders | ApiScopes.WriteStockAndPrice);
        var caller = await _tokens.AuthenticateAsync(secret);
        Assert.Equal(_haoDat.ProducerId, caller!.Actor.ProducerId);
        Assert.True(caller.May(ApiScopes.ReadOrders));
        Assert.False(caller.May(ApiScopes.WriteLots));
        Assert.NotNull((await _tokens.ListAsync(_haoDat)).Single().LastUsedAt);
        Assert.Empty(await _tokens.ListAsync(_vanHuong));

        Assert.Null(await _tokens.AuthenticateAsync(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await _tokens.AuthenticateAsync("Bearer " + secret));
        await Assert.ThrowsAsync<NotFoundException>(() => _tokens.RevokeAsync(_vanHuong, id));
        await Assert.ThrowsAsync<ForbiddenException>(() => _tokens.CreateAsync(_buyer, "x", ApiScopes.ReadOrders));

        await _tokens.RevokeAsync(_haoDat, id);
        Assert.Null(await _tokens.AuthenticateAsync(secret));
        Assert.NotNull((await _tokens.ListAsync(_haoDat)).Single().RevokedAt);
    }

    [SkippableFact]
    public async Task A_suspended_producers_tokens_stop_working()
    {
        var (_, secret) = await _tokens.CreateAsync(_vanHuong, "Kho", ApiScopes.ReadOrders);
        await using (var db = _db.CreateDbContext())
        {
            (await db.Producers.SingleAsync(p => p.Id == _vanHuong.ProducerId)).Suspend("Kiểm tra hồ sơ");
            await db.SaveChangesAsync();
        }
        Assert.Null(await _tokens.AuthenticateAsync(secret));
    }
}
