namespace Evse.Core.Ports.Hardware;

/// <summary>The main contactor (relay) with its feedback (mirror contact or load-side voltage).</summary>
public interface IContactor
{
    /// <summary>True while the coil is commanded closed.</summary>
    bool IsCommandedClosed { get; }

    /// <summary>What the feedback says: true when the power contacts are closed.</summary>
    bool FeedbackClosed { get; }

    void Close();

    /// <summary>Opens the contactor. Safe to call from any thread, any number of times.</summary>
    void Open();
}
