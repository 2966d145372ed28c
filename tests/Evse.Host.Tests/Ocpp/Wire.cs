using Evse.Testing.Ocpp;

namespace Evse.Host.Tests.Ocpp;

/// <summary>Frames written the way the tests compare them: the exact payload JSON, message ids left out (GUIDs).</summary>
public static class Wire
{
    /// <summary><c>CP BootNotification {...}</c>, <c>CS BootNotification.conf {...}</c>, <c>CP CALLERROR NotImplemented</c>.</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<CentralSystemFrame> frames)
    {
        var actions = new Dictionary<string, string>();
        var lines = new List<string>();
        foreach (var frame in frames)
        {
            var who = frame.FromChargePoint ? "CP " : "CS ";
            switch (frame.MessageType)
            {
                case 2:
                    actions[frame.MessageId] = frame.Action!;
                    lines.Add(who + frame.Action + " " + frame.PayloadJson);
                    break;
                case 3:
                    lines.Add(who + actions.GetValueOrDefault(frame.MessageId, "?") + ".conf " + frame.PayloadJson);
                    break;
                default:
                    lines.Add(who + "CALLERROR " + frame.Array[2]!.GetValue<string>());
                    break;
            }
        }

        return lines;
    }

    /// <summary>Asserts the exact lines, showing both lists in full when they differ.</summary>
    public static void AssertLines(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        Assert.True(e.SequenceEqual(a), "Wire differs.\nExpected:\n" + string.Join("\n", e) + "\nActual:\n" + string.Join("\n", a));
    }

    /// <summary>Asserts that every CALLRESULT/CALLERROR answers the CALL just before it in the other direction.</summary>
    public static void AssertAnswersMatchCalls(IEnumerable<CentralSystemFrame> frames)
    {
        var open = new HashSet<string>();
        foreach (var frame in frames)
        {
            if (frame.MessageType == 2)
            {
                Assert.True(open.Add((frame.FromChargePoint ? "CP:" : "CS:") + frame.MessageId), $"duplicate message id {frame.MessageId}");
            }
            else
            {
                Assert.True(open.Remove((frame.FromChargePoint ? "CS:" : "CP:") + frame.MessageId), $"answer to an unknown call: {frame.Text}");
            }
        }
    }
}
