using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;

namespace OcopMarket.Tests.Common;

/// <summary>
/// A refusal from Core carries its words in both languages, so the page can answer in the visitor's one;
/// Message stays the Vietnamese text, which logs and the Vietnamese pages read.
/// </summary>
public class UserFacingExceptionTests
{
    [Fact]
    public void Message_is_the_vietnamese_text_and_the_english_one_travels_with_it()
    {
        var refusal = new DomainException(new("Giỏ hàng đang trống.", "Your cart is empty."));
        Assert.Equal("Giỏ hàng đang trống.", refusal.Message);
        Assert.Equal(new UserText("Giỏ hàng đang trống.", "Your cart is empty."), refusal.Text);
    }

    [Fact]
    public void An_access_refusal_is_worded_for_people_in_both_languages()
    {
        var buyer = new Actor("buyer-1", ProducerId: null, IsAdmin: false);
        UserFacingException notProducer = Assert.Throws<ForbiddenException>(() => buyer.RequireProducer());
        UserFacingException notOfficer = Assert.Throws<ForbiddenException>(buyer.RequireAdmin);
        Assert.Equal("Only an approved producer account can do this.", notProducer.Text.En);
        Assert.Equal("Only OCOP programme officers can do this.", notOfficer.Text.En);
        Assert.Equal(notProducer.Message, notProducer.Text.Vi);
    }
}
