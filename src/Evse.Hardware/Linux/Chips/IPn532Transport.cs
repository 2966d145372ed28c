namespace Evse.Hardware.Linux.Chips;

/// <summary>How PN532 frames travel: HSU (UART) or I2C (PN532 User Manual UM0701-02 §6.2).</summary>
public interface IPn532Transport : IDisposable
{
    /// <summary>Sends one complete frame.</summary>
    void WriteFrame(ReadOnlySpan<byte> frame);

    /// <summary>
    /// Receives one frame (ACK or information frame) starting at its 00 FF start code, within
    /// <paramref name="timeout"/>. Returns its length, or 0 when nothing (complete) arrived.
    /// </summary>
    int ReadFrame(Span<byte> buffer, TimeSpan timeout);
}
