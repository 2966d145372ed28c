using System.Runtime.InteropServices;
using Evse.Hardware.Linux.Interop;

namespace Evse.Hardware.Linux.Gpio;

/// <summary>
/// A GPIO chip opened through libgpiod v1. Lines requested from it stay valid until the chip is
/// disposed; libgpiod releases them when the chip closes.
/// </summary>
public sealed class GpiodChip : IDisposable
{
    private const string Consumer = "evse-daemon";
    private readonly object _gate = new();
    private nint _chip;

    private GpiodChip(nint chip, string description)
    {
        _chip = chip;
        Description = description;
        Name = Marshal.PtrToStringUTF8(Gpiod.ChipName(chip)) ?? description;
        Label = Marshal.PtrToStringUTF8(Gpiod.ChipLabel(chip)) ?? string.Empty;
        LineCount = (int)Gpiod.ChipNumLines(chip);
    }

    /// <summary>What the board file asked for: a name, a path, a label or a number.</summary>
    public string Description { get; }

    public string Name { get; }

    public string Label { get; }

    public int LineCount { get; }

    /// <summary>The libgpiod version, e.g. "1.6.3". Throws <see cref="DllNotFoundException"/> without libgpiod2.</summary>
    public static string LibraryVersion => Marshal.PtrToStringUTF8(Gpiod.VersionString()) ?? string.Empty;

    /// <summary>Opens a chip by path ("/dev/gpiochip0"), name ("gpiochip0"), label ("pinctrl-bcm2711") or number ("0").</summary>
    /// <exception cref="IOException">No such chip, or no permission; the message names it.</exception>
    public static GpiodChip Open(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        var chip = Gpiod.ChipOpenLookup(description);
        if (chip == 0)
        {
            throw NativeError.Last($"cannot open GPIO chip '{description}'");
        }

        return new GpiodChip(chip, description);
    }

    /// <summary>Every GPIO chip the kernel exposes; empty on a machine without any.</summary>
    public static IReadOnlyList<GpioChipInfo> Enumerate()
    {
        var iterator = Gpiod.ChipIterNew();
        if (iterator == 0)
        {
            throw NativeError.Last("cannot enumerate GPIO chips");
        }

        var chips = new List<GpioChipInfo>();
        try
        {
            nint chip;
            while ((chip = Gpiod.ChipIterNextNoclose(iterator)) != 0)
            {
                try
                {
                    chips.Add(new GpioChipInfo(
                        Marshal.PtrToStringUTF8(Gpiod.ChipName(chip)) ?? string.Empty,
                        Marshal.PtrToStringUTF8(Gpiod.ChipLabel(chip)) ?? string.Empty,
                        (int)Gpiod.ChipNumLines(chip)));
                }
                finally
                {
                    Gpiod.ChipClose(chip);
                }
            }
        }
        finally
        {
            Gpiod.ChipIterFreeNoclose(iterator);
        }

        return chips;
    }

    /// <summary>Requests a line as an output, driven to <paramref name="initialActive"/> at once.</summary>
    public IGpioOutput OpenOutput(int offset, bool activeLow, bool initialActive)
    {
        var line = GetLine(offset);
        var physical = initialActive != activeLow;
        if (Gpiod.LineRequestOutput(line, Consumer, physical ? 1 : 0) < 0)
        {
            throw NativeError.Last($"cannot request line {offset} of GPIO chip {Name} as an output");
        }

        return new GpiodOutputLine(line, offset, activeLow, initialActive);
    }

    /// <summary>Requests a line as an input, with edge events on both edges when <paramref name="withEdges"/>.</summary>
    public IGpioInput OpenInput(int offset, bool activeLow, bool withEdges)
    {
        var line = GetLine(offset);
        var result = withEdges ? Gpiod.LineRequestBothEdgesEvents(line, Consumer) : Gpiod.LineRequestInput(line, Consumer);
        if (result < 0)
        {
            throw NativeError.Last($"cannot request line {offset} of GPIO chip {Name} as an input");
        }

        return new GpiodInputLine(line, offset, activeLow, withEdges);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_chip != 0)
            {
                Gpiod.ChipClose(_chip);
                _chip = 0;
            }
        }
    }

    private nint GetLine(int offset)
    {
        ObjectDisposedException.ThrowIf(_chip == 0, this);
        if (offset < 0 || offset >= LineCount)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"GPIO chip {Name} ({Label}) has lines 0 to {LineCount - 1}.");
        }

        var line = Gpiod.ChipGetLine(_chip, (uint)offset);
        return line != 0 ? line : throw NativeError.Last($"cannot get line {offset} of GPIO chip {Name}");
    }
}
