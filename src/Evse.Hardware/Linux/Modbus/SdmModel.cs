namespace Evse.Hardware.Linux.Modbus;

/// <summary>The Eastron meters we read.</summary>
public enum SdmModel
{
    /// <summary>SDM630 Modbus V2: three phases.</summary>
    Sdm630,

    /// <summary>SDM120-Modbus: one phase (reported on L1).</summary>
    Sdm120,
}
