using Evse.Ocpp.Firmware;

namespace Evse.Ocpp.Tests.Firmware;

/// <summary>Writes a small file as the diagnostics zip, or throws <see cref="IOException"/> when told to.</summary>
internal sealed class FakeDiagnosticsCollector : IDiagnosticsCollector
{
    public bool Fail { get; set; }

    public (DateTimeOffset? From, DateTimeOffset? To)? LastPeriod { get; private set; }

    public async Task CollectAsync(string zipPath, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        LastPeriod = (from, to);
        if (Fail)
        {
            throw new IOException("disk full");
        }

        await File.WriteAllTextAsync(zipPath, "zip", cancellationToken);
    }
}
