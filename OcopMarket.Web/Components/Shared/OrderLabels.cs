using static OcopMarket.Web.Localization.Lang;
using OcopMarket.Core.Orders.Domain;

namespace OcopMarket.Web.Components.Shared;

/// <summary>Order statuses and payment methods in the visitor's language.</summary>
public static class OrderLabels
{
    public static string Status(OrderStatus s) => s switch
    {
        OrderStatus.AwaitingPayment => T("Chờ thanh toán", "Awaiting payment"),
        OrderStatus.AwaitingConfirmation => T("Đang chờ cửa hàng xác nhận", "Waiting for the shop to confirm"),
        OrderStatus.Confirmed => T("Đã xác nhận", "Confirmed"),
        OrderStatus.Packed => T("Đã đóng gói", "Packed"),
        OrderStatus.Shipped => T("Đang giao", "Shipped"),
        OrderStatus.Delivered => T("Đã giao", "Delivered"),
        OrderStatus.Cancelled => T("Đã huỷ", "Cancelled"),
        _ => s.ToString(),
    };

    public static string Payment(PaymentMethod p) => p switch
    {
        PaymentMethod.CashOnDelivery => T("Thanh toán khi nhận hàng", "Cash on delivery"),
        PaymentMethod.BankTransfer => T("Chuyển khoản VietQR", "VietQR bank transfer"),
        _ => T("Thẻ", "Card"),
    };
}
