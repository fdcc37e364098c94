using OcopMarket.Core.Common;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Privacy;
using OcopMarket.Core.Privacy.Domain;

namespace OcopMarket.Tests.Privacy;

/// <summary>The rules of erasure, correction and data requests, without a database.</summary>
public sealed class ErasureDomainTests
{
    private static readonly DateTime T0 = new(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Every_table_about_people_says_what_deleting_an_account_does_to_it()
    {
        var unhandled = PersonalDataMap.Entries.Where(e => e.Kind != PersonalDataKind.NotPersonal && e.Erasure is Erasure.Unhandled or Erasure.NothingToErase)
            .Select(e => e.Table).ToList();
        Assert.True(unhandled.Count == 0, "Say whether AccountErasureService deletes or anonymises these tables (PersonalDataMap): " + string.Join(", ", unhandled));
        Assert.All(PersonalDataMap.Entries.Where(e => e.Kind == PersonalDataKind.NotPersonal), e => Assert.Equal(Erasure.NothingToErase, e.Erasure));
    }

    [Fact]
    public void A_request_is_due_the_set_number_of_days_after_it_arrives_and_the_default_is_72_hours()
    {
        Assert.Equal(TimeSpan.FromHours(72), new LegalSettings().DataRequestTime);
        var r = DataRequest.FromAccount(DataRequestKind.Correction, "u1", "a@test", "Sai số điện thoại trên đơn 123", T0, TimeSpan.FromDays(3));
        Assert.Equal(T0.AddHours(72), r.DueAt);
        Assert.Equal(DataRequestStatus.Open, r.Status);
        Assert.Equal(TimeSpan.FromHours(1), DataRequestDeadline.Left(r.DueAt, T0.AddHours(71)));
        Assert.False(DataRequestDeadline.IsOverdue(r.DueAt, T0.AddHours(72)));
        Assert.True(DataRequestDeadline.IsOverdue(r.DueAt, T0.AddHours(72).AddSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataRequestDeadline.DueAt(T0, TimeSpan.Zero));
        Assert.Contains(new LegalSettings { DataRequestDays = 0 }.Problems(), p => p.Contains("DataRequestDays"));
    }

    [Fact]
    public void The_desk_lists_the_overdue_request_first()
    {
        var late = DataRequest.FromAccount(DataRequestKind.Deletion, "u1", null, null, T0.AddDays(-5), TimeSpan.FromDays(3));
        var soon = DataRequest.FromAccount(DataRequestKind.Objection, "u2", null, "Không muốn nhận email", T0.AddDays(-1), TimeSpan.FromDays(3));
        var fresh = DataRequest.FromAccount(DataRequestKind.Correction, "u3", null, "Tên sai", T0, TimeSpan.FromDays(3));
        Assert.Equal([late, soon, fresh], DataRequestDeadline.MostUrgentFirst([fresh, late, soon]));
    }

    [Fact]
    public void A_correction_needs_its_text_and_its_answer_needs_a_note_a_refusal_a_reason()
    {
        Assert.Throws<DomainException>(() => DataRequest.FromAccount(DataRequestKind.Correction, "u1", null, "  ", T0, TimeSpan.FromDays(3)));
        Assert.Throws<DomainException>(() => DataRequest.FromAccount(DataRequestKind.Correction, "u1", null, new string('a', 2001), T0, TimeSpan.FromDays(3)));
        var deletion = DataRequest.FromAccount(DataRequestKind.Deletion, "u1", null, null, T0, TimeSpan.FromDays(3));
        deletion.Complete("officer", null, T0.AddHours(1));
        Assert.Equal((DataRequestStatus.Done, "officer"), (deletion.Status, deletion.HandledByUserId));
        Assert.Throws<DomainException>(() => deletion.Refuse("officer", "đổi ý", T0));

        var correction = DataRequest.FromAccount(DataRequestKind.Correction, "u1", null, "Email sai", T0, TimeSpan.FromDays(3));
        Assert.Throws<DomainException>(() => correction.Complete("officer", "", T0));
        Assert.Throws<DomainException>(() => correction.Refuse("officer", " ", T0));
        correction.Complete("officer", "Đã đổi email thành mai@example.vn", T0);
        Assert.Equal("Đã đổi email thành mai@example.vn", correction.OfficerNote);
        Assert.Throws<DomainException>(() => DataRequest.FromGuest(DataRequestKind.Access, Guid.NewGuid(), "OCP-1", null, "x", T0, TimeSpan.FromDays(3)));
    }

    [Fact]
    public void An_erased_subjects_request_keeps_its_dates_and_answer_and_loses_what_named_them()
    {
        var r = DataRequest.FromAccount(DataRequestKind.Correction, "u1", "mai@test", "Địa chỉ của tôi là 12 Hàng Bạc", T0, TimeSpan.FromDays(3));
        r.Complete("officer", "Đã sửa", T0);
        r.Unlink(T0);
        Assert.Equal((null, null, Anonymous.RequestText, "Đã sửa"), (r.UserId, r.ContactEmail, r.Text, r.OfficerNote));

        // A guest's deletion note names them too; a request still open closes, answered by the erasure itself.
        var deletion = DataRequest.FromGuest(DataRequestKind.Deletion, Guid.NewGuid(), "OCP-1", "khach@test", "Tôi là Khách Hỏi, 0977555666, xin xoá", T0, TimeSpan.FromDays(3));
        var open = DataRequest.FromAccount(DataRequestKind.Objection, "u1", "mai@test", "Đừng gửi email cho Mai", T0, TimeSpan.FromDays(3));
        deletion.Unlink(T0.AddHours(1));
        open.Unlink(T0.AddHours(1));
        Assert.Equal(Anonymous.RequestText, deletion.Text);
        Assert.Equal((DataRequestStatus.Done, DataRequest.ClosedByErasureNote, T0.AddHours(1), Anonymous.RequestText),
            (open.Status, open.OfficerNote, open.HandledAt, open.Text));
    }

    [Fact]
    public void An_anonymised_order_keeps_its_number_lines_and_amounts_and_loses_who_bought_it()
    {
        var order = new Order("OCP-1", Guid.NewGuid(), 1, PaymentMethod.CashOnDelivery, [new OrderLine(7, "Chè", "gói", 120_000, 2)], 30_000, T0,
            delivery: new DeliveryAddress("Lê Thị Mai", "0912000111", "Xóm 7", "05503", "19", "gọi trước"), buyerUserId: "u1",
            buyerEmail: "mai@test", placedFromIp: "203.0.113.9");
        order.SetAccessTokenHash("ABC");
        order.ConfirmByProducer(T0);
        order.Cancel(CancelledBy.Producer, "Chị Mai 0912000111 không nghe máy", T0);
        order.Anonymise(Anonymous.Buyer);
        Assert.Null(order.CancelReason);
        Assert.All(order.Events, e => Assert.Null(e.Note));
        var shipped = new Order("OCP-2", Guid.NewGuid(), 1, PaymentMethod.CashOnDelivery, [new OrderLine(7, "Chè", "gói", 120_000, 1)], 30_000, T0,
            delivery: new DeliveryAddress("Lê Thị Mai", "0912000111", "Xóm 7", "05503", "19", null), buyerUserId: "u1");
        shipped.ConfirmByProducer(T0);
        shipped.Pack(T0);
        shipped.Ship("GHTK", "S8812345", T0); // with this number the carrier's site shows the recipient
        shipped.Anonymise(Anonymous.Buyer);
        Assert.Equal((null, "GHTK", OrderStatus.Shipped), (shipped.TrackingNumber, shipped.Carrier, shipped.Status));
        Assert.All(shipped.Events, e => Assert.Null(e.Note));
        Assert.Equal(("OCP-1", 270_000L, 2), (order.Number, order.TotalVnd, order.Lines[0].Quantity));
        Assert.Equal((null, null, null, null), (order.BuyerUserId, order.BuyerEmail, order.PlacedFromIp, order.AccessTokenHash));
        Assert.Equal(new DeliveryAddress(Anonymous.Buyer, "", "", "05503", "19", null), order.Delivery);
    }

    [Fact]
    public void Consent_lines_are_unlinked_under_a_fingerprint_of_the_email_that_ignores_case()
    {
        var line = new ConsentRecord("u1", null, ConsentPurpose.MarketingEmails, true, "2026-12-01", ConsentSource.Registration, T0);
        line.Unlink(ConsentLedger.SubjectHashOf("Mai@Test "));
        Assert.Null(line.UserId);
        Assert.Equal(ConsentLedger.SubjectHashOf("mai@test"), line.SubjectHash);
        Assert.Equal(64, line.SubjectHash!.Length);
        Assert.DoesNotContain("mai", line.SubjectHash, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(1, null, 0, 0, true)]   // an order on its way
    [InlineData(0, 5, 0, 2, true)]      // a producer's only account, orders to fulfil
    [InlineData(0, 5, 1, 2, false)]     // another account carries on
    [InlineData(0, 5, 0, 0, false)]     // nothing open: may go (tokens revoked)
    [InlineData(0, null, 0, 0, false)]
    [InlineData(0, null, 0, 0, true, 1)] // a complaint still being handled
    public void Who_may_delete_their_account_now(int open, int? producer, int others, int producerOpen, bool refused, int openComplaints = 0)
    {
        var check = new ErasureCheck(open, producer, others, producerOpen, openComplaints);
        var why = ErasureRules.Refusal(check);
        Assert.Equal(refused, why is not null);
        if (why is { } text) Assert.False(string.IsNullOrWhiteSpace(text.Vi) || string.IsNullOrWhiteSpace(text.En));
        Assert.Equal(producer is not null && others == 0, ErasureRules.RevokesProducerTokens(check));
    }

    [Theory]
    [InlineData("  Nguyễn   Thị Mai ", "+84 912 345 678", "Nguyễn Thị Mai", "0912345678")]
    [InlineData("Mai", "", "Mai", null)]
    [InlineData("Mai", "024 3826 4000", "Mai", "02438264000")]
    public void Corrected_details_are_tidied(string name, string phone, string expectedName, string? expectedPhone) =>
        Assert.Equal(new PersonalDetails(expectedName, expectedPhone), PersonalDetails.Check(name, phone));

    [Theory]
    [InlineData("", "0912345678")]
    [InlineData("mai@example.vn", "")]
    [InlineData("Mai", "12345")]
    public void Corrected_details_that_do_not_hold_are_refused_in_both_languages(string name, string phone)
    {
        var e = Assert.Throws<DomainException>(() => PersonalDetails.Check(name, phone));
        Assert.False(string.IsNullOrWhiteSpace(e.Text.En));
        Assert.Throws<DomainException>(() => PersonalDetails.Check(new string('a', 101), null));
    }
}
