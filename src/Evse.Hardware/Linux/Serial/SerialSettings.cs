namespace Evse.Hardware.Linux.Serial;

/// <summary>How to set up a serial line. Eastron meters leave the factory at 9600 8N1 (seed-independent default).</summary>
/// <param name="Rs485">Ask the UART driver to switch the RS485 driver-enable (RTS) itself (TIOCSRS485); ignored where unsupported.</param>
public sealed record SerialSettings(int BaudRate = 9600, SerialParity Parity = SerialParity.None, int StopBits = 1, bool Rs485 = false);
