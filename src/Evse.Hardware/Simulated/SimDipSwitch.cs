using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimDipSwitch(DipSwitchPositions initial) : IDipSwitch
{
    private DipSwitchPositions _positions = initial;

    public DipSwitchPositions Read() => _positions;

    public void Set(DipSwitchPositions positions) => _positions = positions;
}
