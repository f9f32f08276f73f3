using System.Net;
using System.Net.Sockets;
using PublicCredit.Errors;

namespace PublicCredit.Subscriptions;

/// <summary>
/// Where deliveries may go (ADR 0052 §3; docs/security.md, SSRF): https to a public address. Plain http and loopback
/// only when <see cref="AllowLoopbackHttp"/> (tests, a receiver on the same host); private, link-local and other
/// non-public addresses only when <see cref="AllowPrivateAddresses"/>. A URL naming a host is judged again by the
/// address it resolves to when a delivery connects, so a name pointing inside the network is refused then.
/// </summary>
public sealed record WebhookTargets(bool AllowLoopbackHttp = false, bool AllowPrivateAddresses = false)
{
    public const int MaxUrlLength = 2000;

    /// <summary>The URL, validated; a coded 422 on <c>url</c> otherwise.</summary>
    public Uri Validate(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw DomainException.Invalid("url", SubscriptionProblemCodes.UrlInvalid,
                $"url is an absolute https URL of at most {MaxUrlLength} characters, without credentials or fragment.");
        }

        var loopback = uri.IsLoopback;
        if (uri.Scheme == "http" && !(loopback && AllowLoopbackHttp))
        {
            throw NotAllowed(uri, "plain http");
        }

        if (loopback ? !AllowLoopbackHttp : IPAddress.TryParse(uri.DnsSafeHost, out var address) && !Allows(address))
        {
            throw NotAllowed(uri, "a private, loopback or link-local address");
        }

        return uri;
    }

    /// <summary>Whether a delivery may connect to this resolved address.</summary>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return AllowLoopbackHttp;
        }

        return AllowPrivateAddresses || IsPublic(address);
    }

    private static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] >= 16 && b[1] < 32) || (b[0] == 192 && b[1] == 168)
                || b[0] >= 224);
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6Any)
            || (address.GetAddressBytes()[0] & 0xFE) == 0xFC);
    }

    private static DomainException NotAllowed(Uri uri, string what) =>
        DomainException.Invalid("url", SubscriptionProblemCodes.UrlNotAllowed,
            $"Deliveries do not go to '{uri.GetLeftPart(UriPartial.Authority)}': {what} is not allowed on this server.");
}
