using System.Globalization;

namespace Evse.Ocpp.Framing;

/// <summary>
/// Predictable ids (<c>prefix1</c>, <c>prefix2</c>, ...) so scenario tests can assert exact frames. Not for production:
/// after a restart it would reuse ids a Central System may still remember.
/// </summary>
public sealed class SequentialMessageIdGenerator(string prefix = "") : IMessageIdGenerator
{
    private long _next;

    /// <inheritdoc/>
    public string NextId() => prefix + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
}
