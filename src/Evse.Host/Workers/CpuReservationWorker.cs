using Evse.Core.Control;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Evse.Host.Workers;

/// <summary>
/// Keeps the daemon's ordinary threads off the CPU reserved for the control loops (<see cref="CpuReservation"/>): a thread
/// inherits its creator's CPU mask, so one started by a loop or a driver thread would otherwise stay on the reserved CPU.
/// Every <see cref="SweepInterval"/> it moves such threads back. Does nothing when no CPU is reserved.
/// </summary>
public sealed partial class CpuReservationWorker(TimeProvider time, ILogger<CpuReservationWorker> logger) : BackgroundService
{
    public static TimeSpan SweepInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reserves the CPU <paramref name="setting"/> names (ControlLoop:RealTimeCpu) before the board's driver threads start.
    /// A setting that names no CPU stops the start-up with the reason; a machine with one CPU runs without a reservation.
    /// </summary>
    public static void Reserve(string? setting, ILogger logger)
    {
        if (!CpuReservation.TryResolve(setting, out var cpu, out var error))
        {
            throw new InvalidOperationException($"ControlLoop:RealTimeCpu: {error}.");
        }

        if (cpu < 0)
        {
            if (!string.IsNullOrWhiteSpace(setting) && !string.Equals(setting.Trim(), "none", StringComparison.OrdinalIgnoreCase))
            {
                LogNoSpareCpu(logger, setting);
            }

            return;
        }

        if (CpuReservation.TryReserve(cpu))
        {
            LogReserved(logger, cpu);
        }
        else
        {
            LogNoSpareCpu(logger, setting!);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (CpuReservation.ReservedCpu < 0)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(SweepInterval, time, stoppingToken).ConfigureAwait(false);
                var moved = CpuReservation.SweepOthers();
                LogSwept(logger, moved, CpuReservation.ReservedCpu);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "CPU {Cpu} is reserved for the control loops and their driver threads; the daemon's other threads run on the other CPUs")]
    private static partial void LogReserved(ILogger logger, int cpu);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "ControlLoop:RealTimeCpu is '{Setting}' but the daemon may run on only one CPU: no CPU is reserved, so a trip can wait behind the daemon's other work")]
    private static partial void LogNoSpareCpu(ILogger logger, string setting);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Trace, Message = "Set the CPU mask of {Threads} threads to keep them off CPU {Cpu}")]
    private static partial void LogSwept(ILogger logger, int threads, int cpu);
}
