using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimContactor(SimulatedConnector owner) : IContactor
{
    private volatile bool _commanded;
    private volatile bool _welded;

    public bool IsCommandedClosed => _commanded;

    public bool FeedbackClosed =>
        owner.IsFaultActive(SimulatedFault.RelayStuckOpen) ? false
        : _welded || _commanded;

    /// <summary>How many times the coil was switched (for tests and the status page).</summary>
    public int Operations { get; private set; }

    public void Close()
    {
        if (_commanded)
        {
            return;
        }

        _commanded = true;
        Operations++;
        if (owner.IsFaultActive(SimulatedFault.RelayWelded))
        {
            _welded = true;
        }

        owner.OnWorldChanged();
    }

    public void Open()
    {
        if (!_commanded)
        {
            return;
        }

        _commanded = false;
        Operations++;
        owner.OnWorldChanged();
    }

    /// <summary>The welded fault was injected: contacts that are closed now stay closed.</summary>
    public void WeldIfClosed()
    {
        _welded |= _commanded;
    }

    /// <summary>Clearing the welded fault frees the contacts (a repair).</summary>
    public void Repair()
    {
        _welded = false;
        owner.OnWorldChanged();
    }
}
