namespace Evse.Hardware.Linux.Gpio;

/// <summary>What chip enumeration reports about one GPIO chip.</summary>
public sealed record GpioChipInfo(string Name, string Label, int LineCount);
