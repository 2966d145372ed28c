using System.Text;

namespace Evse.Ocpp.Transport;

/// <summary>Builds the connection URL and the Basic auth header of OCPP-J 1.6 and the 1.6 security whitepaper.</summary>
public static class CentralSystemUrl
{
    /// <summary>Central System URL + "/" + percent-encoded charge point id (one slash, whatever the configured URL ends with).</summary>
    public static Uri Build(Uri centralSystemUrl, string chargePointId)
    {
        ArgumentNullException.ThrowIfNull(centralSystemUrl);
        ArgumentException.ThrowIfNullOrEmpty(chargePointId);
        if (centralSystemUrl.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException($"The Central System URL must start with ws:// or wss://, not {centralSystemUrl.Scheme}://.", nameof(centralSystemUrl));
        }

        var text = centralSystemUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(text + "/" + Uri.EscapeDataString(chargePointId) + centralSystemUrl.Query);
    }

    /// <summary>The value of the Authorization header: <c>Basic base64(chargePointId:password)</c>.</summary>
    public static string BasicAuthorization(string chargePointId, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(chargePointId + ":" + password));

    /// <summary>The Authorization header for a binary password (the Security whitepaper's decoded AuthorizationKey).</summary>
    public static string BasicAuthorization(string user, ReadOnlySpan<byte> password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userBytes = Encoding.UTF8.GetBytes(user + ":");
        var credentials = new byte[userBytes.Length + password.Length];
        userBytes.CopyTo(credentials, 0);
        password.CopyTo(credentials.AsSpan(userBytes.Length));
        return "Basic " + Convert.ToBase64String(credentials);
    }
}
