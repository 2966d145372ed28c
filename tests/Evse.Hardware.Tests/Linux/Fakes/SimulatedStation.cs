using Evse.Core.Measurements;
using Evse.Core.Ports.Hardware;
using Moq;

namespace Evse.Hardware.Tests.Linux.Fakes;

/// <summary>A stand-in for the lead's simulated board: distinct mock parts the loader must pass through.</summary>
internal static class SimulatedStation
{
    public static IStationHardware Create(int connectors = 1)
    {
        var list = Enumerable.Range(1, connectors).Select(id =>
        {
            var c = new Mock<IConnectorHardware>();
            c.SetupGet(x => x.ConnectorId).Returns(id);
            c.SetupGet(x => x.Pilot).Returns(Mock.Of<IPilotGenerator>());
            c.SetupGet(x => x.PilotSense).Returns(Mock.Of<IPilotSense>());
            c.SetupGet(x => x.Contactor).Returns(Mock.Of<IContactor>());
            c.SetupGet(x => x.Meter).Returns(Mock.Of<IEnergyMeter>());
            c.SetupGet(x => x.ResidualCurrent).Returns(Mock.Of<IResidualCurrentMonitor>());
            c.SetupGet(x => x.Temperatures).Returns(Mock.Of<ITemperatureSensors>(t => t.Read() == TemperatureReadings.NotFitted));
            c.SetupGet(x => x.SocketLock).Returns(Mock.Of<ISocketLock>());
            c.SetupGet(x => x.ProximityPilot).Returns(Mock.Of<IProximityPilot>());
            return c.Object;
        }).ToList();
        var station = new Mock<IStationHardware>();
        station.SetupGet(s => s.Connectors).Returns(list);
        station.SetupGet(s => s.DipSwitch).Returns(Mock.Of<IDipSwitch>());
        station.SetupGet(s => s.StatusLed).Returns(Mock.Of<IStatusLed>());
        station.SetupGet(s => s.Buzzer).Returns(Mock.Of<IBuzzer>());
        station.SetupGet(s => s.CardReader).Returns(Mock.Of<ICardReader>());
        station.SetupGet(s => s.Display).Returns(Mock.Of<IDisplay>());
        station.SetupGet(s => s.Supply).Returns(Mock.Of<ISupplyMonitor>());
        station.SetupGet(s => s.GridMeter).Returns(Mock.Of<IGridMeter>());
        return station.Object;
    }
}
