using System.Globalization;
using BenchmarkDotNet.Running;
using Evse.Benchmarks.TripLatency;

// bench: `trip-latency [trips] [--no-load]` runs the trip-to-contactor-open harness;
// `backlog [n]` replays an n-message offline outbox to a loopback Central System;
// anything else is handed to BenchmarkDotNet's switcher (micro-benchmarks).
if (args.Length > 0 && args[0] == "trip-latency")
{
    var trips = args.Length > 1 && int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 100_000;
    return await TripLatencyBenchmark.RunAsync(trips, withLoad: !args.Contains("--no-load"));
}

if (args.Length > 0 && args[0] == "backlog")
{
    var messages = args.Length > 1 && int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : 10_000;
    return await Evse.Benchmarks.Backlog.BacklogBenchmark.RunAsync(messages);
}

BenchmarkSwitcher.FromAssembly(typeof(TripLatencyBenchmark).Assembly).Run(args);
return 0;
