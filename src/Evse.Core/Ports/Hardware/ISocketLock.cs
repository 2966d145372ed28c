namespace Evse.Core.Ports.Hardware;

public enum SocketLockState
{
    Unlocked,
    Locked,

    /// <summary>The feedback gives neither position (moving, or broken).</summary>
    Unknown,
}

/// <summary>The Type 2 socket's cable lock (H-bridge pulse and a feedback switch).</summary>
public interface ISocketLock
{
    /// <summary>What the feedback switch says.</summary>
    SocketLockState State { get; }

    /// <summary>Starts a lock pulse; the feedback follows within the actuator's travel time.</summary>
    void RequestLock();

    /// <summary>Starts an unlock pulse.</summary>
    void RequestUnlock();
}
