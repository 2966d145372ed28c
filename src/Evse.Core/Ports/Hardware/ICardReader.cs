namespace Evse.Core.Ports.Hardware;

/// <summary>The RFID card reader (ISO 14443A).</summary>
public interface ICardReader
{
    /// <summary>False when the reader has stopped answering.</summary>
    bool IsOnline { get; }

    /// <summary>
    /// Raised once per presentation of a card with its UID as upper-case hex
    /// (e.g. "04A1B2C3D4"), which is used as the OCPP idTag.
    /// </summary>
    event EventHandler<string>? CardPresented;
}
