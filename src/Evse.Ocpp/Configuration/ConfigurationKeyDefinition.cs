using System.Globalization;

namespace Evse.Ocpp.Configuration;

/// <summary>
/// One configuration key: its OCPP spelling, type, access, default, unit and validation rules.
/// Validation produces messages that name the key and the allowed values, for the portal and the logs.
/// </summary>
public sealed record ConfigurationKeyDefinition
{
    /// <summary>OCPP 1.6 §6.24: a value is at most a CiString500.</summary>
    public const int MaxValueLength = 500;

    public required string Name { get; init; }

    public required ConfigurationValueType Type { get; init; }

    public required ConfigurationAccess Access { get; init; }

    /// <summary>A change is stored at once but takes effect after a restart (ChangeConfiguration answers RebootRequired).</summary>
    public bool RebootRequired { get; init; }

    public required string DefaultValue { get; init; }

    public required DefaultValueSource DefaultSource { get; init; }

    /// <summary>"Core", "LocalAuthListManagement", ... or "Vendor" for the manuals' own service settings.</summary>
    public required string Profile { get; init; }

    /// <summary>True when OCPP 1.6 chapter 9 marks the key required for its profile.</summary>
    public bool RequiredBySpecification { get; init; }

    /// <summary>"s", "Wh", "%", "times", or null.</summary>
    public string? Unit { get; init; }

    public long? MinValue { get; init; }

    public long? MaxValue { get; init; }

    /// <summary>Members of a <see cref="ConfigurationValueType.MemberList"/>, or the only values a text key accepts.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>The key that bounds the number of members of this list (e.g. MeterValuesSampledDataMaxLength).</summary>
    public string? MaxMembersKey { get; init; }

    /// <summary>Longest text accepted; at most <see cref="MaxValueLength"/>.</summary>
    public int MaxLength { get; init; } = MaxValueLength;

    /// <summary>An extra rule beyond type and range; returns an error message or null.</summary>
    public Func<string, string?>? ExtraRule { get; init; }

    public string Description { get; init; } = "";

    public bool IsReadOnly => Access == ConfigurationAccess.ReadOnly;

    /// <summary>
    /// Checks <paramref name="value"/> against this key's rules and returns it in canonical spelling
    /// ("true"/"false", measurand names as OCPP spells them, integers without leading zeros).
    /// </summary>
    /// <param name="maxMembers">The current value of <see cref="MaxMembersKey"/>, if any.</param>
    public bool TryValidate(string value, int? maxMembers, out string normalized, out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        normalized = value;
        error = null;
        if (value.Length > Math.Min(MaxLength, MaxValueLength))
        {
            error = $"{Name}: the value is {value.Length} characters long; at most {Math.Min(MaxLength, MaxValueLength)} are allowed.";
            return false;
        }

        switch (Type)
        {
            case ConfigurationValueType.Boolean:
                if (bool.TryParse(value.Trim(), out var flag))
                {
                    normalized = flag ? "true" : "false";
                    break;
                }

                error = $"{Name}: '{value}' is not a boolean; allowed values are true and false.";
                return false;

            case ConfigurationValueType.WholeNumber:
                if (!long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    error = $"{Name}: '{value}' is not a whole number{RangeText()}.";
                    return false;
                }

                if ((MinValue is { } min && number < min) || (MaxValue is { } max && number > max))
                {
                    error = $"{Name}: {number} is out of range{RangeText()}.";
                    return false;
                }

                normalized = number.ToString(CultureInfo.InvariantCulture);
                break;

            case ConfigurationValueType.Text:
                if (AllowedValues is { Count: > 0 } choices)
                {
                    var match = choices.FirstOrDefault(c => string.Equals(c, value.Trim(), StringComparison.OrdinalIgnoreCase));
                    if (match is null)
                    {
                        error = $"{Name}: '{value}' is not allowed; allowed values are {string.Join(", ", choices)}.";
                        return false;
                    }

                    normalized = match;
                }

                break;

            case ConfigurationValueType.MemberList:
                if (!TryValidateList(value, maxMembers, out normalized, out error))
                {
                    return false;
                }

                break;

            default:
                throw new InvalidOperationException($"Unknown value type {Type} for {Name}.");
        }

        if (ExtraRule?.Invoke(normalized) is { } extra)
        {
            error = $"{Name}: {extra}";
            return false;
        }

        return true;
    }

    private bool TryValidateList(string value, int? maxMembers, out string normalized, out string? error)
    {
        normalized = value;
        error = null;
        var members = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var canonical = new List<string>(members.Length);
        foreach (var member in members)
        {
            string? match = member;
            if (AllowedValues is { Count: > 0 } allowed)
            {
                match = allowed.FirstOrDefault(a => string.Equals(a, member, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    error = $"{Name}: '{member}' is not supported; allowed values are {string.Join(", ", allowed)}.";
                    return false;
                }
            }

            if (canonical.Contains(match, StringComparer.OrdinalIgnoreCase))
            {
                error = $"{Name}: '{member}' is listed twice.";
                return false;
            }

            canonical.Add(match);
        }

        if (maxMembers is { } limit && canonical.Count > limit)
        {
            error = $"{Name}: {canonical.Count} items given; at most {limit} are allowed ({MaxMembersKey}).";
            return false;
        }

        normalized = string.Join(',', canonical);
        return true;
    }

    private string RangeText() => (MinValue, MaxValue) switch
    {
        ({ } min, { } max) => $"; allowed range is {min}..{max}{UnitSuffix()}",
        ({ } min, null) => $"; the minimum is {min}{UnitSuffix()}",
        (null, { } max) => $"; the maximum is {max}{UnitSuffix()}",
        _ => "",
    };

    private string UnitSuffix() => Unit is null ? "" : " " + Unit;
}
