namespace Evse.Ocpp.Configuration;

/// <summary>
/// GetConfiguration semantics as plain data. When <see cref="TooManyKeys"/> is set the request named more keys
/// than GetConfigurationMaxKeys: the handler answers CALLERROR OccurenceConstraintViolation and both lists are empty.
/// </summary>
public sealed record GetConfigurationResult(
    IReadOnlyList<ConfigurationKeyValue> ConfigurationKeys,
    IReadOnlyList<string> UnknownKeys,
    bool TooManyKeys);
