using System.Reflection;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Reviews;
using OcopMarket.Core.Reviews.Domain;

namespace OcopMarket.Tests.Reviews;

/// <summary>Who may review what and when, the edit window, moderation and the content filter: plain C#, no database.</summary>
public sealed class ReviewDomainTests
{
    private static readonly DateTime Placed = new(2026, 10, 1, 3, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Delivered = Placed.AddDays(4);
    private static readonly ReviewContentFilter Filter = new(["lừa đảo", "hàng giả"]);

    /// <summary>A delivered order of <paramref name="buyer"/> whose one line has id 7 (ids are the database's: set here by reflection).</summary>
    private static Order DeliveredOrder(string? buyer = "buyer-1", bool deliver = true)
    {
        var line = new OrderLine(3, "Chè Tân Cương", "hộp 200 g", 150_000, 1);
        typeof(OrderLine).GetProperty(nameof(OrderLine.Id))!.SetValue(line, 7);
        var order = new Order("OCM-1", Guid.NewGuid(), 2, PaymentMethod.CashOnDelivery, [line], 30_000, Placed, buyerUserId: buyer, buyerEmail: "mai@example.test");
        order.ConfirmByProducer(Placed.AddHours(1));
        order.Pack(Placed.AddDays(1));
        order.Ship("Viettel Post", "VTP1", Placed.AddDays(2));
        if (deliver) order.Deliver(Delivered);
        return order;
    }

    private static Review Write(Order order, DateTime at, string text = "Chè thơm, đóng gói kỹ.", string user = "buyer-1") =>
        Review.Write(order, 7, user, "Nguyễn Thị Mai", 5, text, Filter, at);

    [Fact]
    public void The_buyer_of_a_delivered_line_writes_a_review_published_at_once_under_a_short_name()
    {
        var review = Write(DeliveredOrder(), Delivered.AddDays(2));
        Assert.Equal(ReviewStatus.Published, review.Status);
        Assert.Equal(3, review.ProductId);
        Assert.Equal(2, review.ProducerId);
        Assert.Equal("Mai N.", review.AuthorName);
        Assert.Equal(Delivered, review.DeliveredAt);
    }

    [Fact]
    public void Another_buyers_line_a_guests_order_or_a_line_not_in_the_order_is_not_found()
    {
        Assert.Throws<NotFoundException>(() => Write(DeliveredOrder(), Delivered.AddDays(1), user: "someone-else"));
        Assert.Throws<NotFoundException>(() => Write(DeliveredOrder(buyer: null), Delivered.AddDays(1)));
        Assert.Throws<NotFoundException>(() => Review.Write(DeliveredOrder(), 8, "buyer-1", "Mai", 5, "", Filter, Delivered));
    }

    [Fact]
    public void An_order_not_delivered_yet_cannot_be_reviewed()
    {
        var e = Assert.Throws<DomainException>(() => Write(DeliveredOrder(deliver: false), Delivered));
        Assert.Contains("đã giao", e.Text.Vi);
        Assert.Contains("delivered", e.Text.En);
    }

    [Fact]
    public void The_window_to_write_closes_90_days_after_delivery()
    {
        Write(DeliveredOrder(), Delivered.AddDays(90)); // the last moment
        var e = Assert.Throws<DomainException>(() => Write(DeliveredOrder(), Delivered.AddDays(90).AddMinutes(1)));
        Assert.Contains("90", e.Text.En);
    }

    [Fact]
    public void The_author_edits_for_7_days_and_no_one_else_ever()
    {
        var written = Delivered.AddDays(1);
        var review = Write(DeliveredOrder(), written);
        review.Edit("buyer-1", 3, "Sửa lại: hơi chát.", Filter, written.AddDays(7));
        Assert.Equal(3, review.Rating);
        Assert.NotNull(review.EditedAt);
        Assert.Throws<DomainException>(() => review.Edit("buyer-1", 4, "Lần nữa", Filter, written.AddDays(7).AddSeconds(1)));
        Assert.Throws<NotFoundException>(() => review.Edit("someone-else", 1, "", Filter, written.AddHours(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_rating_outside_1_to_5_is_refused(int rating) =>
        Assert.Throws<DomainException>(() => Review.Write(DeliveredOrder(), 7, "buyer-1", "Mai", rating, "", Filter, Delivered));

    [Fact]
    public void A_text_over_the_limit_is_refused_and_an_empty_one_is_allowed()
    {
        Assert.Throws<DomainException>(() => Write(DeliveredOrder(), Delivered, new string('a', Review.MaxTextLength + 1)));
        Assert.Equal("", Write(DeliveredOrder(), Delivered, "   ").Text);
    }

    [Fact]
    public void At_most_three_photos()
    {
        var review = Write(DeliveredOrder(), Delivered);
        for (var i = 0; i < Review.MaxPhotos; i++) review.AddPhoto(new ReviewPhoto($"reviews/{i}.webp", $"reviews/{i}t.webp", 10, 10));
        Assert.Throws<DomainException>(() => review.AddPhoto(new ReviewPhoto("reviews/x.webp", "reviews/xt.webp", 10, 10)));
    }

    [Theory]
    [InlineData("Mua thêm tại https://shop.example.com nhé", ReviewContentFilter.Link)]
    [InlineData("Vào www.chere.vn mà mua", ReviewContentFilter.Link)]
    [InlineData("Nhắn zalo.me/0912345678", ReviewContentFilter.Link)]
    [InlineData("Gọi 0912 345 678 để mua sỉ", ReviewContentFilter.Phone)]
    [InlineData("Gọi 091.234.5678", ReviewContentFilter.Phone)]
    [InlineData("SĐT +84 912-345-678", ReviewContentFilter.Phone)]
    [InlineData("Mua 2 hộp 0987654321 giao nhanh", ReviewContentFilter.Phone)]
    [InlineData("Máy bàn (024) 3826 4000", ReviewContentFilter.Phone)]
    [InlineData("Hàng thật, không giả", null)] // one word of the phrase is not the phrase
    [InlineData("Cửa hàng LỪA ĐẢO!", "lua dao")]
    [InlineData("hang gia, dung mua", "hang gia")]
    [InlineData("Giá 120.000 đ một hộp 200 g, giao 2 ngày, ngon 10/10.", null)]
    [InlineData("Chè ngon, nước xanh, vị ngọt hậu.", null)]
    public void The_filter_holds_links_phone_numbers_and_listed_words(string text, string? held) =>
        Assert.Equal(held, Filter.ReasonToHold(text));

    [Fact]
    public void A_held_review_waits_and_an_edit_that_removes_the_number_publishes_it()
    {
        var review = Write(DeliveredOrder(), Delivered, "Liên hệ 0912345678");
        Assert.Equal(ReviewStatus.AwaitingModeration, review.Status);
        Assert.Equal(ReviewContentFilter.Phone, review.HeldBecause);
        Assert.Null(review.PublishedAt);
        review.Edit("buyer-1", 5, "Chè ngon.", Filter, Delivered.AddDays(1));
        Assert.Equal(ReviewStatus.Published, review.Status);
    }

    [Fact]
    public void A_hidden_review_stays_hidden_whatever_its_author_changes_until_an_officer_restores_it()
    {
        var review = Write(DeliveredOrder(), Delivered);
        Assert.Throws<DomainException>(() => review.Hide(" ", Delivered)); // a reason is required
        review.Hide("Nội dung không liên quan sản phẩm", Delivered.AddHours(1));
        review.Edit("buyer-1", 5, "Chè ngon.", Filter, Delivered.AddHours(2));
        Assert.Equal(ReviewStatus.Hidden, review.Status);
        Assert.Equal("Nội dung không liên quan sản phẩm", review.ModerationReason);
        review.Restore("Đã xem lại: phù hợp", Delivered.AddHours(3));
        Assert.Equal(ReviewStatus.Published, review.Status);
    }

    [Fact]
    public void The_products_producer_replies_once_and_another_producer_not_at_all()
    {
        var review = Write(DeliveredOrder(), Delivered);
        Assert.Throws<NotFoundException>(() => review.Answer(producerId: 99, "Cảm ơn", Delivered));
        Assert.Throws<DomainException>(() => review.Answer(2, "  ", Delivered));
        review.Answer(2, "Cảm ơn chị!", Delivered);
        Assert.Throws<DomainException>(() => review.Answer(2, "Lần hai", Delivered));
        Assert.Equal("Cảm ơn chị!", review.Reply);
    }

    [Theory]
    [InlineData("Nguyễn Thị Mai", "Mai N.")]
    [InlineData("mai.nguyen@example.test", "mai.nguyen")]
    [InlineData("Hùng", "Hùng")]
    [InlineData("  ", "Người mua")]
    public void The_public_name_never_shows_an_email_or_a_full_name(string display, string shown) =>
        Assert.Equal(shown, Review.ShortName(display));

    [Fact]
    public void Held_words_that_fold_to_nothing_stop_start_up_with_the_setting_named()
    {
        var problems = new ReviewSettings { HeldWords = ["lừa đảo", "!!!"] }.Problems().ToList();
        Assert.Equal(["Reviews:HeldWords:1 has no letter or digit (got \"!!!\")."], problems);
        Assert.Empty(new ReviewSettings { HeldWords = ["hàng giả"] }.Problems());
    }
}
