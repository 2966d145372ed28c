namespace Evse.Core.Indication;

/// <summary>
/// What the station is doing besides charging, for the LED and the display: a firmware update, the network device in
/// use and whether the Central System link is up. The Host feeds it (firmware updater, network watcher, OCPP link);
/// the <see cref="Control.StationController"/> listens to <see cref="Changed"/> and redraws. Thread-safe; setters never
/// block and raise <see cref="Changed"/> only when the value changes.
/// </summary>
public sealed class StationActivity
{
    private int _firmware;
    private int _network;
    private int _centralSystem;

    /// <summary>Something the indicators show changed. Raised on the setter's thread; handlers must not block.</summary>
    public event Action? Changed;

    public FirmwareActivity Firmware => (FirmwareActivity)Volatile.Read(ref _firmware);

    public NetworkKind Network => (NetworkKind)Volatile.Read(ref _network);

    /// <summary>True or false when OCPP is configured (the link is up / down), null in standalone mode.</summary>
    public bool? CentralSystemOnline => Volatile.Read(ref _centralSystem) switch
    {
        1 => true,
        2 => false,
        _ => null,
    };

    public void SetFirmware(FirmwareActivity activity) => Set(ref _firmware, (int)activity);

    public void SetNetwork(NetworkKind network) => Set(ref _network, (int)network);

    public void SetCentralSystemOnline(bool? online) => Set(ref _centralSystem, online switch
    {
        true => 1,
        false => 2,
        null => 0,
    });

    private void Set(ref int field, int value)
    {
        if (Interlocked.Exchange(ref field, value) != value)
        {
            Changed?.Invoke();
        }
    }
}
