namespace Evse.Hardware.Linux.Chips;

/// <summary>A multi-channel analogue-to-digital converter.</summary>
public interface IAdc
{
    int ChannelCount { get; }

    /// <summary>The number of codes (1024 for 10 bits, 4096 for 12).</summary>
    int CodeCount { get; }

    double ReferenceVolts { get; }

    /// <summary>One single-ended conversion on <paramref name="channel"/>.</summary>
    int ReadCode(int channel);
}
