namespace Evse.Ocpp.Authorization;

/// <summary>The configuration that governs the local list, read at every call so changes apply at once.</summary>
/// <param name="Supported">LocalAuthListManagement is among SupportedFeatureProfiles.</param>
/// <param name="Enabled">LocalAuthListEnabled: whether the list is used for authorization (it is kept up to date either way).</param>
/// <param name="MaxLength">LocalAuthListMaxLength.</param>
/// <param name="SendMaxLength">SendLocalListMaxLength.</param>
public sealed record LocalAuthorizationListLimits(bool Supported, bool Enabled, int MaxLength, int SendMaxLength);
