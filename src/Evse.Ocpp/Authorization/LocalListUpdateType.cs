namespace Evse.Ocpp.Authorization;

/// <summary>OCPP 1.6 UpdateType of SendLocalList.req.</summary>
public enum LocalListUpdateType
{
    Differential,
    Full,
}
