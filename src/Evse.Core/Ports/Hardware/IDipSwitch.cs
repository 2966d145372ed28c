namespace Evse.Core.Ports.Hardware;

/// <summary>The 3-pole DIP switch that sets the hardware current limit.</summary>
public interface IDipSwitch
{
    DipSwitchPositions Read();
}

/// <summary>The three poles, true = ON.</summary>
public readonly record struct DipSwitchPositions(bool Sw1, bool Sw2, bool Sw3)
{
    public override string ToString() => $"{(Sw1 ? "ON" : "OFF")} {(Sw2 ? "ON" : "OFF")} {(Sw3 ? "ON" : "OFF")}";
}
