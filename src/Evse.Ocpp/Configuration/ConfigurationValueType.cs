namespace Evse.Ocpp.Configuration;

/// <summary>How a configuration value is written on the wire (OCPP 1.6 §9: every value is a CiString500).</summary>
public enum ConfigurationValueType
{
    /// <summary>"true" or "false".</summary>
    Boolean,

    /// <summary>A decimal integer in invariant culture.</summary>
    WholeNumber,

    /// <summary>Free text (URLs, identifiers, passwords) with an optional list of allowed values.</summary>
    Text,

    /// <summary>A comma separated list (CSL) whose members come from a fixed set.</summary>
    MemberList,
}
