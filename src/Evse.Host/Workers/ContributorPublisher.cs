using Evse.Core.Control;
using Evse.Core.Limits;

namespace Evse.Host.Workers;

/// <summary>
/// Hands one kind of external current-limit contributor (schedule, charge mode) to every control loop, the first time
/// and then only when it changes, so a worker that recomputes it every second does not flood the loops' inboxes.
/// </summary>
internal sealed class ContributorPublisher(StationController station, LimitSource source)
{
    private LimitContributor? _applied;
    private bool _published;

    public void Publish(LimitContributor? contributor)
    {
        if (_published && contributor == _applied)
        {
            return;
        }

        foreach (var connector in station.ConnectorControllers)
        {
            connector.SetExternalLimit(source, contributor);
        }

        _applied = contributor;
        _published = true;
    }
}
