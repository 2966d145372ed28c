namespace Evse.Core.Ports.Hardware;

public enum BuzzerPattern
{
    /// <summary>One beep: card accepted.</summary>
    Accepted,

    /// <summary>Two beeps 0.5 s apart: card rejected.</summary>
    Rejected,
}

/// <summary>The buzzer. The driver times the beeps itself; <see cref="Play"/> returns at once.</summary>
public interface IBuzzer
{
    void Play(BuzzerPattern pattern);
}
