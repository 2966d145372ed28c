namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// The NXP PN532 NFC controller as an ISO 14443A reader (UM0701-02 §7). Every command is answered
/// first by an ACK frame, then by the response frame (TFI D5, command + 1). Methods return false
/// when the chip does not answer properly within <see cref="ResponseTimeout"/>.
/// </summary>
public sealed class Pn532(IPn532Transport transport) : IDisposable
{
    private const byte GetFirmwareVersion = 0x02;   // §7.2.2
    private const byte SamConfiguration = 0x14;     // §7.2.10
    private const byte RfConfiguration = 0x32;      // §7.3.1
    private const byte InListPassiveTarget = 0x4A;  // §7.3.5

    /// <summary>The PN532 answers an InListPassiveTarget with one retry in well under 100 ms (§7.3.5, §7.3.1 MxRtyPassiveActivation).</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Reads IC, version, revision and support bytes; IC is 0x32 for a PN532 (§7.2.2).</summary>
    public bool TryGetFirmwareVersion(out int ic, out int version, out int revision)
    {
        ic = version = revision = 0;
        if (!TryCommand(GetFirmwareVersion, [], out var data) || data.Length < 4)
        {
            return false;
        }

        (ic, version, revision) = (data[0], data[1], data[2]);
        return true;
    }

    /// <summary>
    /// Puts the chip into normal mode (SAMConfiguration mode 1, §7.2.10) and limits passive activation
    /// retries to one (RFConfiguration item 5, §7.3.1): the reset value 0xFF would make
    /// InListPassiveTarget wait for a card forever.
    /// </summary>
    public bool TryConfigure() =>
        TryCommand(SamConfiguration, [0x01, 0x14, 0x01], out _)
        && TryCommand(RfConfiguration, [0x05, 0xFF, 0x01, 0x01], out _);

    /// <summary>
    /// Looks for one ISO 14443A target at 106 kbps (§7.3.5, BrTy 0x00). True when the chip answered;
    /// <paramref name="uid"/> is null when no card is in the field.
    /// </summary>
    public bool TryReadPassiveTarget(out byte[]? uid)
    {
        uid = null;
        if (!TryCommand(InListPassiveTarget, [0x01, 0x00], out var data) || data.Length < 1)
        {
            return false;
        }

        if (data[0] == 0)
        {
            return true;
        }

        // NbTg, Tg, SENS_RES (2), SEL_RES, NFCIDLength, NFCID1…
        if (data.Length < 6 || data.Length < 6 + data[5])
        {
            return false;
        }

        uid = data.Slice(6, data[5]).ToArray();
        return true;
    }

    public void Dispose() => transport.Dispose();

    private bool TryCommand(byte command, ReadOnlySpan<byte> parameters, out ReadOnlySpan<byte> data)
    {
        data = default;
        transport.WriteFrame(Pn532Frame.Build(Pn532Frame.HostToPn532, command, parameters));
        Span<byte> buffer = stackalloc byte[300];
        var length = transport.ReadFrame(buffer, ResponseTimeout);
        if (length != 4 || !buffer[..4].SequenceEqual(Pn532Frame.Ack[1..5]))
        {
            return false;
        }

        length = transport.ReadFrame(buffer, ResponseTimeout);

        // 00 FF LEN LCS D5 (command + 1) data… DCS
        if (length < 7 || buffer[4] != Pn532Frame.Pn532ToHost || buffer[5] != command + 1)
        {
            return false;
        }

        data = buffer[6..(length - 1)].ToArray();
        return true;
    }
}
