using Evse.Core.Charging;
using Evse.Core.Limits;
using Evse.Ocpp.ChargePoint;

namespace Evse.Ocpp.Tests.ChargePoint;

/// <summary>A station of fixed connectors that records what the OCPP layer posts.</summary>
internal sealed class FakeStation : IChargePointStation
{
    private readonly object _gate = new();
    private List<ChargePointConnector> _connectors;

    public FakeStation(int connectorCount) =>
        _connectors = [.. Enumerable.Range(1, connectorCount).Select(i => new ChargePointConnector(i, ChargePointStatus.Available, ChargePointErrorCode.NoError, null, Tethered: true))];

    /// <summary>How many of the next reads of <see cref="Connectors"/> throw, as a station with a bug would.</summary>
    public int FailingConnectorReads { get; set; }

    public IReadOnlyList<ChargePointConnector> Connectors
    {
        get
        {
            lock (_gate)
            {
                if (FailingConnectorReads > 0)
                {
                    FailingConnectorReads--;
                    throw new InvalidOperationException("The fake station's connector list failed.");
                }

                return [.. _connectors];
            }
        }
    }

    public List<(int ConnectorId, ConnectorEvent Event)> Posted { get; } = [];

    public int RestartRequests { get; private set; }

    /// <summary>Runs inside Post, as a control loop that acts before the caller looks again would.</summary>
    public Action<int, ConnectorEvent>? OnPost { get; set; }

    /// <summary>The external limits set through <see cref="SetExternalLimit"/>, latest per connector and source.</summary>
    public Dictionary<(int ConnectorId, LimitSource Source), LimitContributor?> Limits { get; } = [];

    public bool SetExternalLimit(int connectorId, LimitSource source, LimitContributor? contributor)
    {
        lock (_gate)
        {
            if (_connectors.All(c => c.ConnectorId != connectorId))
            {
                return false;
            }

            Limits[(connectorId, source)] = contributor;
            return true;
        }
    }

    public void Set(ChargePointConnector connector)
    {
        lock (_gate)
        {
            _connectors = [.. _connectors.Select(c => c.ConnectorId == connector.ConnectorId ? connector : c)];
        }
    }

    public bool Post(int connectorId, ConnectorEvent connectorEvent)
    {
        lock (_gate)
        {
            if (_connectors.All(c => c.ConnectorId != connectorId))
            {
                return false;
            }

            Posted.Add((connectorId, connectorEvent));
            OnPost?.Invoke(connectorId, connectorEvent);
            return true;
        }
    }

    public void RequestRestart() => RestartRequests++;
}
