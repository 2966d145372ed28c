namespace Evse.Ocpp.Configuration;

/// <summary>Who may change a key through ChangeConfiguration or the portal.</summary>
public enum ConfigurationAccess
{
    /// <summary>Reported by GetConfiguration with readonly=true; ChangeConfiguration answers Rejected.</summary>
    ReadOnly,

    /// <summary>Reported and changeable.</summary>
    ReadWrite,

    /// <summary>
    /// Changeable but never reported (passwords, the security whitepaper's AuthorizationKey): GetConfiguration
    /// lists it as unknown when asked by name, and leaves it out of the full listing.
    /// </summary>
    WriteOnly,
}
