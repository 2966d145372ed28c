namespace Evse.Ocpp.Configuration;

/// <summary>Where a key's factory default comes from, in the order of precedence the product uses.</summary>
public enum DefaultValueSource
{
    /// <summary>Blink MQ 200 manual (seed 001), Figs. 17–19.</summary>
    Seed001,

    /// <summary>Hydra Cubus manual (seed 004), §9.2 "Limit Configuration Key List", where seed 001 has none.</summary>
    Seed004,

    /// <summary>The OCPP 1.6 specification's description or a typical value from it, where neither manual gives one.</summary>
    OcppSpecification,

    /// <summary>Our own choice for a vendor key the manuals show without a value; the reason is in docs/ocpp-configuration.md.</summary>
    Vendor,
}
