using System.Collections.Concurrent;
using Evse.Hardware.Linux.Modbus;

namespace Evse.Testing.Serial;

/// <summary>How the simulated meter answers the next request.</summary>
public enum SlaveBehaviour
{
    Normal,
    Silent,
    Garbage,
    Truncated,
    BadCrc,
    WrongAddress,
    Slow,
    IllegalAddressException,
}

/// <summary>
/// An Eastron SDM meter on the master side of a pseudo-terminal: parses function 0x04 requests
/// and answers from a float register map, or misbehaves as scripted.
/// </summary>
public sealed class SimulatedSdmSlave : IDisposable
{
    private readonly PseudoTerminal _pty;
    private readonly byte _address;
    private readonly Dictionary<ushort, float> _floats = [];
    private readonly ConcurrentQueue<SlaveBehaviour> _script = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private int _requests;

    public SimulatedSdmSlave(PseudoTerminal pty, byte address)
    {
        _pty = pty;
        _address = address;
        _thread = new Thread(Run) { IsBackground = true, Name = "sdm-slave" };
        _thread.Start();
    }

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Set once a <see cref="SlaveBehaviour.Slow"/> answer has gone out.</summary>
    public ManualResetEventSlim LateAnswerSent { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    public void SetFloat(ushort address, float value)
    {
        lock (_floats)
        {
            _floats[address] = value;
        }
    }

    /// <summary>Behaviours for the next requests, in order; after them the slave answers normally.</summary>
    public void Script(params SlaveBehaviour[] behaviours)
    {
        foreach (var b in behaviours)
        {
            _script.Enqueue(b);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
        LateAnswerSent.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[256];
        var filled = 0;
        while (!_stop.IsCancellationRequested)
        {
            var n = _pty.Read(buffer.AsSpan(filled), TimeSpan.FromMilliseconds(20));
            filled += n;
            if (filled < 8)
            {
                continue;
            }

            var request = buffer.AsSpan(0, 8).ToArray();
            buffer.AsSpan(8, filled - 8).CopyTo(buffer);
            filled -= 8;
            if (!ModbusCrc.IsValid(request) || request[1] != 0x04)
            {
                continue;
            }

            Interlocked.Increment(ref _requests);
            if (request[0] != _address)
            {
                continue; // Another slave on the bus: stay silent, as a real meter does.
            }

            var start = (ushort)((request[2] << 8) | request[3]);
            var count = (request[4] << 8) | request[5];
            Answer(_script.TryDequeue(out var behaviour) ? behaviour : SlaveBehaviour.Normal, start, count);
        }
    }

    private void Answer(SlaveBehaviour behaviour, ushort start, int count)
    {
        var frame = BuildResponse(_address, start, count);
        switch (behaviour)
        {
            case SlaveBehaviour.Silent:
                return;
            case SlaveBehaviour.Garbage:
                _pty.Write([0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55]);
                return;
            case SlaveBehaviour.Truncated:
                _pty.Write(frame.AsSpan(0, frame.Length / 2));
                return;
            case SlaveBehaviour.BadCrc:
                frame[^1] ^= 0xFF;
                _pty.Write(frame);
                return;
            case SlaveBehaviour.WrongAddress:
                _pty.Write(BuildResponse((byte)(_address + 1), start, count));
                return;
            case SlaveBehaviour.Slow:
                // Answer late without blocking the bus loop, as a meter busy with something else would.
                _ = Task.Delay(SlowDelay, TimeProvider.System).ContinueWith(
                    _ =>
                    {
                        _pty.Write(frame);
                        LateAnswerSent.Set();
                    },
                    TaskScheduler.Default);
                return;
            case SlaveBehaviour.IllegalAddressException:
                var exception = new byte[] { _address, 0x84, 0x02, 0, 0 };
                var crc = ModbusCrc.Compute(exception.AsSpan(0, 3));
                exception[3] = (byte)crc;
                exception[4] = (byte)(crc >> 8);
                _pty.Write(exception);
                return;
            default:
                _pty.Write(frame);
                return;
        }
    }

    private byte[] BuildResponse(byte address, ushort start, int count)
    {
        var frame = new byte[5 + (count * 2)];
        frame[0] = address;
        frame[1] = 0x04;
        frame[2] = (byte)(count * 2);
        lock (_floats)
        {
            for (var i = 0; i < count; i++)
            {
                var register = (ushort)(start + i);
                ushort word = 0;
                if (_floats.TryGetValue(register, out var high))
                {
                    word = (ushort)(BitConverter.SingleToUInt32Bits(high) >> 16);
                }
                else if (register > 0 && _floats.TryGetValue((ushort)(register - 1), out var low))
                {
                    word = (ushort)BitConverter.SingleToUInt32Bits(low);
                }

                frame[3 + (2 * i)] = (byte)(word >> 8);
                frame[4 + (2 * i)] = (byte)word;
            }
        }

        var crc = ModbusCrc.Compute(frame.AsSpan(0, frame.Length - 2));
        frame[^2] = (byte)crc;
        frame[^1] = (byte)(crc >> 8);
        return frame;
    }
}
