using Evse.Core.Ports;

namespace Evse.Ocpp.Authorization;

/// <summary>A decision made without the Central System.</summary>
/// <param name="Status">The effective status now (expiry applied).</param>
/// <param name="Source">"LocalList" or "Cache", as <see cref="AuthorizationOutcome.Source"/> spells them.</param>
public sealed record LocalAuthorizationResult(AuthorizationStatus Status, IdTagInfo Info, string Source);
