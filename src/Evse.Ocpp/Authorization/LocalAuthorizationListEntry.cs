namespace Evse.Ocpp.Authorization;

/// <summary>OCPP 1.6 AuthorizationData: an idTag and, except for a differential removal, its IdTagInfo.</summary>
public sealed record LocalAuthorizationListEntry(string IdTag, IdTagInfo? Info);
