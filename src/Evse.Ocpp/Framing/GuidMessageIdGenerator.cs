namespace Evse.Ocpp.Framing;

/// <summary>Production ids: a random GUID in its 36-character "D" form, unique across restarts too.</summary>
public sealed class GuidMessageIdGenerator : IMessageIdGenerator
{
    /// <inheritdoc/>
    public string NextId() => Guid.NewGuid().ToString("D");
}
