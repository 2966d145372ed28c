using System.Text.RegularExpressions;

namespace Evse.Ocpp.Messages;

/// <summary>The RFC 3339 <c>date-time</c> production (JSON Schema draft-07 <c>format: date-time</c>).</summary>
internal static partial class OcppDateTimeSyntax
{
    /// <summary>True when <paramref name="text"/> is a full RFC 3339 date-time with a valid calendar date and an offset.</summary>
    public static bool IsRfc3339DateTime(string? text)
    {
        if (text is null)
        {
            return false;
        }

        var match = Rfc3339().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["y"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["mo"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["d"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        var hour = int.Parse(match.Groups["h"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["mi"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        // RFC 3339 allows second 60 for a leap second; .NET cannot represent it, so we refuse it rather than shift it.
        var second = int.Parse(match.Groups["s"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour <= 23 && minute <= 59 && second <= 59;
    }

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})[Tt](?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})(\.\d{1,9})?([Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Rfc3339();
}
