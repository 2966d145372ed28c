namespace Evse.Core.Ports.Hardware;

/// <summary>Residual current monitor (CCID20 for J1772, RDC-DD 6 mA DC for IEC).</summary>
public interface IResidualCurrentMonitor
{
    /// <summary>True while the trip output is asserted.</summary>
    bool IsTripped { get; }

    /// <summary>Raised on the trip edge, from the driver's thread. Handlers must be quick.</summary>
    event EventHandler? Tripped;

    /// <summary>
    /// Injects a test current and checks that the monitor trips and then releases.
    /// True when the monitor works.
    /// </summary>
    Task<bool> RunSelfTestAsync(CancellationToken cancellationToken);
}
