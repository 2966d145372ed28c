using Evse.Hardware.Linux.Gpio;

namespace Evse.Hardware.Tests.Linux.Gpio;

/// <summary>
/// Loads libgpiod.so.2 through our binding and calls it, without a board (CI installs libgpiod2).
/// On a machine with GPIO chips the enumeration also opens each one by name.
/// </summary>
public class GpiodSmokeTests
{
    [Fact]
    public void LibraryVersion_Libgpiod2_IsAVersion1Release()
    {
        var version = GpiodChip.LibraryVersion;

        Assert.Matches(@"^1\.\d+(\.\d+)?", version);
    }

    [Fact]
    public void Enumerate_AnyMachine_ListsEveryDevGpiochipNode()
    {
        var chips = GpiodChip.Enumerate();

        var nodes = Directory.Exists("/dev") ? Directory.GetFiles("/dev", "gpiochip*").Length : 0;
        Assert.Equal(nodes, chips.Count);
        foreach (var info in chips)
        {
            using var chip = GpiodChip.Open(info.Name);
            Assert.Equal(info.LineCount, chip.LineCount);
        }
    }

    [Fact]
    public void Open_MissingChip_ThrowsIOExceptionNamingIt()
    {
        var ex = Assert.Throws<IOException>(() => GpiodChip.Open("gpiochip-that-is-not-there"));

        Assert.Contains("gpiochip-that-is-not-there", ex.Message, StringComparison.Ordinal);
    }
}
