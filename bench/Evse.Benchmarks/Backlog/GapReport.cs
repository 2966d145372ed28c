using System.Diagnostics;
using System.Globalization;
using Evse.Ocpp.Rpc;

namespace Evse.Benchmarks.Backlog;

/// <summary>
/// Splits the gap between answer N and send N+1 (from <see cref="CallTimeline"/>'s timestamps) into pieces and prints
/// p50/p90/p99/mean of each, for the replay and for the same-size MeterValues probe of the same run. Only pairs where
/// send N and send N+1 belong to the same path count (a block boundary is not a gap of either path).
/// </summary>
internal static class GapReport
{
    public const int Replay = 1;
    public const int Heartbeat = 2;
    public const int Probe = 3;

    private static readonly (string Name, int From, int To)[] ReplayPieces =
    [
        ("receive loop -> continuation runs (thread-pool hop)", CallTimeline.AnswerReceived, CallTimeline.ContinuationRuns),
        ("check confirmation, sender maps it, back in the outbox", CallTimeline.ContinuationRuns, CallTimeline.OutboxHasResult),
        ("outbox: mark delivered + bookkeeping", CallTimeline.OutboxHasResult, CallTimeline.OutboxHandled),
        ("next message: return, gate, head, lookup, splice", CallTimeline.OutboxHandled, CallTimeline.NextHandedToSender),
        ("dispatcher: encode, turn", CallTimeline.NextHandedToSender, CallTimeline.DispatcherWritesFrame),
        ("dispatcher: write frame -> transport", CallTimeline.DispatcherWritesFrame, CallTimeline.FrameToSocket),
        ("whole gap", CallTimeline.AnswerReceived, CallTimeline.FrameToSocket),
    ];

    private static readonly (string Name, int From, int To)[] ProbePieces =
    [
        ("receive loop -> continuation runs (thread-pool hop)", CallTimeline.AnswerReceived, CallTimeline.ContinuationRuns),
        ("check confirmation, back in the bench loop", CallTimeline.ContinuationRuns, CallTimeline.NextHandedToSender),
        ("dispatcher: encode, turn", CallTimeline.NextHandedToSender, CallTimeline.DispatcherWritesFrame),
        ("dispatcher: write frame -> transport", CallTimeline.DispatcherWritesFrame, CallTimeline.FrameToSocket),
        ("whole gap", CallTimeline.AnswerReceived, CallTimeline.FrameToSocket),
    ];

    public static void Print(long[] marks, int[] kinds, int used)
    {
        Console.WriteLine("Gap between answer N and send N+1 (µs: p50 / p90 / p99 / mean):");
        Print("replay", Replay, ReplayPieces, marks, kinds, used);
        Print("same-size MeterValues probe", Probe, ProbePieces, marks, kinds, used);
    }

    private static void Print(string title, int kind, (string Name, int From, int To)[] pieces, long[] marks, int[] kinds, int used)
    {
        var slots = new List<int>();
        for (var k = 1; k < used; k++)
        {
            if (kinds[k] == kind && kinds[k - 1] == kind && pieces.All(p => marks[(k * CallTimeline.Points) + p.From] != 0 && marks[(k * CallTimeline.Points) + p.To] != 0))
            {
                slots.Add(k);
            }
        }

        Console.WriteLine($"  {title} ({slots.Count} gaps):");
        foreach (var (name, from, to) in pieces)
        {
            var values = slots.Select(k => Stopwatch.GetElapsedTime(marks[(k * CallTimeline.Points) + from], marks[(k * CallTimeline.Points) + to]).TotalMicroseconds).Order().ToArray();
            if (values.Length == 0)
            {
                continue;
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"    {At(values, 0.50),7:F1} {At(values, 0.90),7:F1} {At(values, 0.99),8:F1} {values.Average(),8:F1}  {name}"));
        }
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
