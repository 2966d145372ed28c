namespace Evse.Hardware.Linux.Modbus;

/// <summary>
/// Input-register addresses (function 0x04, 0-based protocol addresses) of the Eastron SDM630 Modbus
/// protocol V1.x and SDM120 Modbus protocol: every value is an IEEE-754 single in two registers, high
/// word first. The SDM120 uses the same addresses for its one phase, so one block read serves both.
/// </summary>
public static class SdmRegisters
{
    public const ushort PhaseVoltageL1 = 0x0000;   // V; L2 0x0002, L3 0x0004 (SDM630 only)
    public const ushort CurrentL1 = 0x0006;        // A; L2 0x0008, L3 0x000A
    public const ushort ActivePowerL1 = 0x000C;    // W; L2 0x000E, L3 0x0010
    public const ushort Frequency = 0x0046;        // Hz
    public const ushort ImportActiveEnergy = 0x0048; // kWh
    public const ushort ExportActiveEnergy = 0x004A; // kWh

    /// <summary>One read of 0x0000–0x004B covers all of the above (76 registers; Eastron allows up to 80 per request).</summary>
    public const int BlockLength = 0x004C;
}
