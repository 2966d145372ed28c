namespace Evse.Ocpp.Firmware;

/// <summary>URL helpers shared by the transfer clients.</summary>
internal static class TransferUris
{
    /// <summary>The URL without its user-info, so logs and status texts never carry a password.</summary>
    public static string Redact(Uri uri) =>
        uri.IsAbsoluteUri && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
            : uri.ToString();

    /// <summary>User name and password from the URL's user-info, unescaped; null when there is none.</summary>
    public static (string User, string Password)? Credentials(Uri uri)
    {
        if (uri.UserInfo.Length == 0)
        {
            return null;
        }

        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (Uri.UnescapeDataString(uri.UserInfo), string.Empty)
            : (Uri.UnescapeDataString(uri.UserInfo[..colon]), Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
    }
}
