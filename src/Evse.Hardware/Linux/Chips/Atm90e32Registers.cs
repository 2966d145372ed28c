namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// ATM90E32AS register addresses (Microchip/Atmel datasheet Atmel-46003, §6 Register map).
/// SPI access is 16-bit address (bit 15 = 1 for read) then 16-bit data, MSB first (§4.1).
/// </summary>
internal static class Atm90e32Registers
{
    // §6.1 Status and special registers
    public const ushort MeterEn = 0x00;         // 0x0001 enables metering
    public const ushort SoftReset = 0x70;       // write 0x789A to reset
    public const ushort CfgRegAccEn = 0x7F;     // 0x55AA opens configuration/calibration writes
    public const ushort SoftResetKey = 0x789A;
    public const ushort AccessKey = 0x55AA;

    // §6.3 Configuration registers
    public const ushort PLconstH = 0x31;
    public const ushort PLconstL = 0x32;
    public const ushort MMode0 = 0x33;          // line frequency, wiring (3P4W), CF options
    public const ushort MMode1 = 0x34;          // PGA gains of the current channels

    // §6.5 Fundamental/harmonic calibration: voltage and current gain and offset per phase
    public const ushort UgainA = 0x61;
    public const ushort IgainA = 0x62;
    public const ushort UoffsetA = 0x63;
    public const ushort IoffsetA = 0x64;
    public const ushort PhaseStride = 4;        // B = A + 4, C = A + 8

    // §6.6 Energy registers: read-to-clear, 1 LSB = 0.01 CF pulse
    public const ushort APenergyT = 0x80;

    // §6.7 Power and power factor registers: 32 bit as high word + LSB word, 1 LSB = 0.00032 W
    public const ushort PmeanA = 0xB1;
    public const ushort PmeanALsb = 0xC1;

    // §6.8 Fundamental/harmonic/RMS registers
    public const ushort UrmsA = 0xD9;           // 1 LSB = 0.01 V
    public const ushort IrmsA = 0xDD;           // 1 LSB = 0.001 A
    public const ushort Freq = 0xF8;            // 1 LSB = 0.01 Hz
}
