namespace Evse.Core.Tests.Safety;

/// <summary>The raw inputs as they stand: what the vehicle, the supply and the sensors present to the board.</summary>
internal sealed class RigWorld
{
    public double PilotVolts { get; set; } = 12;

    public bool Diode { get; set; } = true;

    public double SupplyVolts { get; set; } = 230;

    public double DrawAmps { get; set; }

    public bool MeterSilent { get; set; }

    public bool ResidualTripped { get; set; }

    public double RelayCelsius { get; set; } = 30;

    public double InputCelsius { get; set; } = 30;

    public double SocketCelsius { get; set; } = 30;

    public bool GroundOk { get; set; } = true;

    public bool PolarityOk { get; set; } = true;

    public bool SelfTestPasses { get; set; } = true;

    public double? LoadLimitAmps { get; set; }

    public bool HoursClosed { get; set; }
}
