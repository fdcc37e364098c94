using Microsoft.AspNetCore.Identity;
using OcopMarket.Core.Accounts;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Components.Account;

/// <summary>
/// Identity's account emails, written in Vietnamese and English. Every one goes through the outbox (sent by the
/// OutboxWorker, retried while the mail server is down), capped per account and kind
/// (<see cref="RateLimitSettings.ResetEmailsPerAccountPerHour"/>): the forms answer at once and alike for every
/// email, and cannot flood an inbox. Links and codes are in the email only, never logged.
/// </summary>
public sealed class AccountEmailSender(AccountMail mail, RateLimitSettings limits) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        QueueAsync(email, "Xác nhận email OcopMarket / Confirm your email",
            $"Xin chào {user.DisplayName},\n\nMở liên kết sau để xác nhận email. Sau khi xác nhận, bạn xem được đơn hàng của mình " +
            $"và nộp đơn bán hàng:\n{confirmationLink}\n\nNếu bạn không tạo tài khoản này, hãy bỏ qua email này.\n\n—\n\n" +
            $"Open this link to confirm your email. Once confirmed, you can see your orders and apply to sell:\n{confirmationLink}\n\n" +
            "If you did not create this account, ignore this email.\n");

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        QueueAsync(email, "Đặt lại mật khẩu OcopMarket / Reset your password",
            $"Xin chào {user.DisplayName},\n\nMở liên kết sau để đặt mật khẩu mới (hiệu lực trong 24 giờ):\n{resetLink}\n\n" +
            "Nếu bạn không yêu cầu, hãy bỏ qua email này.\n\n—\n\n" +
            $"Open this link to choose a new password (valid for 24 hours):\n{resetLink}\n\nIf you did not ask for this, ignore this email.\n");

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        QueueAsync(email, "Mã đặt lại mật khẩu OcopMarket / Password reset code",
            $"Mã đặt lại mật khẩu: {resetCode}\n\nPassword reset code: {resetCode}\n");

    // Over the cap nothing is queued and nothing is said: the visitor sees the same answer as always.
    private Task QueueAsync(string email, string subject, string body) =>
        mail.QueueAsync(email, subject, body, limits.ResetEmailsPerAccountPerHour);
}
