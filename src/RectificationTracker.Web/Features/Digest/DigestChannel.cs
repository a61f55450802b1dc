using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Features.Digest;

/// <summary>Who a digest goes to outside the app.</summary>
public sealed record DigestRecipient(string UserId, string Name, string Address);

/// <summary>An outgoing channel for the daily digest (the in-app notice is always stored; this is extra).</summary>
public interface IDigestChannel
{
    /// <summary>Whether the channel is switched on in the settings; the runner skips it otherwise.</summary>
    bool IsEnabled { get; }

    /// <summary>Sends one user's digest; throws when it could not be handed over.</summary>
    Task SendAsync(DigestRecipient recipient, DigestMessage message, CancellationToken ct);
}

/// <summary>E-mail over SMTP with MailKit (<c>Tracker:Digest:Smtp</c>): a UTF-8 plain-text message, Chinese subject encoded per RFC 2047.</summary>
public sealed class SmtpDigestChannel(IOptions<DigestOptions> options) : IDigestChannel
{
    public bool IsEnabled => options.Value.Smtp.Enabled;

    public async Task SendAsync(DigestRecipient recipient, DigestMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value.Smtp;
        using var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        mail.To.Add(new MailboxAddress(recipient.Name, recipient.Address));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };
        using var client = new SmtpClient { Timeout = Math.Max(1, smtp.TimeoutSeconds) * 1000 };
        var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct).ConfigureAwait(false);
        }

        await client.SendAsync(mail, ct).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
    }
}
