using System.Diagnostics;

namespace Evse.Ocpp.Rpc;

/// <summary>
/// Opt-in timestamps of the points between one CALL's answer and the next CALL's send, for the backlog benchmark
/// (docs/ocpp.md, "Backlog replay", Session 5). Off unless <see cref="Start"/> gave it a buffer: then each point is one
/// <see cref="Stopwatch.GetTimestamp"/> stored into a preallocated array (no allocation, no lock, no logging), so it
/// measures the gap without widening it. Single-writer by design: the outbox and the dispatcher run one CALL at a time.
/// </summary>
public static class CallTimeline
{
    /// <summary>The receive loop has the answer frame (before it is parsed).</summary>
    public const int AnswerReceived = 0;

    /// <summary>The caller's continuation runs after the answer completed the pending call.</summary>
    public const int ContinuationRuns = 1;

    /// <summary>The outbox has the sender's result (confirmation checked and mapped).</summary>
    public const int OutboxHasResult = 2;

    /// <summary>The outbox has marked the message delivered and done its bookkeeping.</summary>
    public const int OutboxHandled = 3;

    /// <summary>The next message is ready and handed to the sender (gate, head, lookup, splice done).</summary>
    public const int NextHandedToSender = 4;

    /// <summary>The dispatcher has its turn and is about to write the frame.</summary>
    public const int DispatcherWritesFrame = 5;

    /// <summary>The frame text is handed to the transport (the socket send starts); closes the slot.</summary>
    public const int FrameToSocket = 6;

    /// <summary>Points per slot.</summary>
    public const int Points = 8;

    private static long[]? s_marks;
    private static int[]? s_kinds;
    private static int s_slot;
    private static int s_kind;

    /// <summary>Records from now on into a buffer for <paramref name="slots"/> sends.</summary>
    public static void Start(int slots)
    {
        s_kinds = new int[slots];
        s_slot = 0;
        Volatile.Write(ref s_marks, new long[slots * Points]);
    }

    /// <summary>Stops recording and returns the timestamps (slot × <see cref="Points"/>), each slot's kind, and the
    /// number of slots used. Slot k holds the answer points of send k − 1 and the send points of send k.</summary>
    public static (long[] Marks, int[] Kinds, int Used) Stop()
    {
        var marks = Volatile.Read(ref s_marks) ?? [];
        Volatile.Write(ref s_marks, null);
        return (marks, s_kinds ?? [], s_slot);
    }

    /// <summary>Tags the following sends (e.g. replay or probe) so the reader can tell the paths apart.</summary>
    public static void SetKind(int kind) => Volatile.Write(ref s_kind, kind);

    /// <summary>Records <paramref name="point"/> in the current slot; does nothing when off.</summary>
    public static void Mark(int point)
    {
        var marks = Volatile.Read(ref s_marks);
        if (marks is null)
        {
            return;
        }

        var index = (Volatile.Read(ref s_slot) * Points) + point;
        if ((uint)index < (uint)marks.Length)
        {
            marks[index] = Stopwatch.GetTimestamp();
        }

        if (point == FrameToSocket)
        {
            var slot = Volatile.Read(ref s_slot);
            if (slot < s_kinds!.Length)
            {
                s_kinds[slot] = Volatile.Read(ref s_kind);
            }

            Volatile.Write(ref s_slot, slot + 1);
        }
    }
}
