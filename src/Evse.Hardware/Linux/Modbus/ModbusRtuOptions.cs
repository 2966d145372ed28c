namespace Evse.Hardware.Linux.Modbus;

/// <summary>Timing of the RTU master.</summary>
/// <param name="ResponseTimeout">How long to wait for the first byte of an answer. Eastron meters answer within about 100 ms at 9600 Bd.</param>
/// <param name="Retries">How many times to repeat a failed request (a timeout, a CRC error, garbage).</param>
public sealed record ModbusRtuOptions(TimeSpan ResponseTimeout, int Retries)
{
    public static ModbusRtuOptions Default => new(TimeSpan.FromMilliseconds(500), 2);

    /// <summary>
    /// The longest a failing request can block: every attempt waits the full response timeout and
    /// then receives a full 256-byte buffer of noise, followed by a gap. A silent meter takes only
    /// <see cref="ResponseTimeout"/> × (<see cref="Retries"/> + 1).
    /// </summary>
    public TimeSpan WorstCaseDuration(int baudRate) =>
        (ResponseTimeout + (TimeSpan.FromSeconds(11.0 / baudRate) * 256) + InterCharacterGap(baudRate)) * (Retries + 1);

    /// <summary>
    /// The silence that ends a frame. Modbus over Serial Line §2.5.1.1: 3.5 character times
    /// (11 bits each), fixed at 1.75 ms above 19200 Bd. We allow a generous multiple because a
    /// Linux tty delivers bytes in chunks, never byte by byte.
    /// </summary>
    public static TimeSpan InterCharacterGap(int baudRate)
    {
        var charTime = TimeSpan.FromSeconds(11.0 / baudRate);
        var t35 = baudRate > 19200 ? TimeSpan.FromMilliseconds(1.75) : charTime * 3.5;
        return TimeSpan.FromMilliseconds(Math.Max(20, t35.TotalMilliseconds * 4));
    }
}
