using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimCardReader(Func<SimulatedFault, bool> isFaultActive) : ICardReader
{
    public bool IsOnline => !isFaultActive(SimulatedFault.CardReaderOffline);

    public event EventHandler<string>? CardPresented;

    /// <summary>A card is held to the reader. False when the reader is offline and so reads nothing.</summary>
    public bool Present(string uid)
    {
        if (!IsOnline)
        {
            return false;
        }

        CardPresented?.Invoke(this, uid);
        return true;
    }
}
