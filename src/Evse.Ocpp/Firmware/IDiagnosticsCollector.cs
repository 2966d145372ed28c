namespace Evse.Ocpp.Firmware;

/// <summary>Gathers what GetDiagnostics uploads (logs, fault records, configuration without secrets) into one zip file.</summary>
public interface IDiagnosticsCollector
{
    /// <summary>
    /// Writes the zip to <paramref name="zipPath"/>. <paramref name="from"/> and <paramref name="to"/> bound the log
    /// period when given. Throws <see cref="IOException"/> when the file cannot be written.
    /// </summary>
    Task CollectAsync(string zipPath, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);
}
