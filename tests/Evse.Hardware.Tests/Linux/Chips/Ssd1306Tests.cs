using Evse.Core.Ports.Hardware;
using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Tests.Linux.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Hardware.Tests.Linux.Chips;

public class Ssd1306Tests
{
    [Fact]
    public void Show_FirstTime_InitialisesChargePumpAndTurnsDisplayOn()
    {
        var fake = new FakeSsd1306();
        var display = new Ssd1306(fake, NullLogger<Ssd1306>.Instance);

        display.Show(new DisplayContent("READY", null, 'E'));

        Assert.True(fake.ChargePumpOn);
        Assert.True(fake.DisplayOn);
        Assert.Equal(0xAE, fake.Commands[0]);
        Assert.True(display.IsOnline);
    }

    [Fact]
    public void Show_Text_RamHoldsTheRenderedGlyphs()
    {
        var fake = new FakeSsd1306();
        var display = new Ssd1306(fake, NullLogger<Ssd1306>.Instance);

        display.Show(new DisplayContent("I", "1", 'W'));

        // 'I' at double size from (0,16): its top bar ".###." covers x 2–7, y 16–17; its stem x 4–5 down to y 29.
        Assert.False(fake.Pixel(0, 16));
        Assert.True(fake.Pixel(2, 16));
        Assert.True(fake.Pixel(7, 17));
        Assert.True(fake.Pixel(4, 24));
        Assert.False(fake.Pixel(2, 24));
        // Detail '1' at single size from (0,40): ".##.." on row 1 → x 1 and 2 at y 41.
        Assert.True(fake.Pixel(2, 41));
        Assert.False(fake.Pixel(0, 41));
        // Network letter in the top right corner.
        Assert.Contains(Enumerable.Range(122, 5), x => fake.Pixel(x, 0));
        // The chip's RAM and our frame agree everywhere.
        for (var x = 0; x < 128; x++)
        {
            for (var y = 0; y < 64; y++)
            {
                Assert.Equal(display.PixelAt(x, y), fake.Pixel(x, y));
            }
        }
    }

    [Fact]
    public void Show_LowerCase_RendersLikeCapitals()
    {
        var lower = new FakeSsd1306();
        var upper = new FakeSsd1306();

        new Ssd1306(lower, NullLogger<Ssd1306>.Instance).Show(new DisplayContent("charging", "7.4 kw", 'L'));
        new Ssd1306(upper, NullLogger<Ssd1306>.Instance).Show(new DisplayContent("CHARGING", "7.4 KW", 'L'));

        Assert.Equal(upper.Ram, lower.Ram);
        Assert.Contains(lower.Ram, b => b != 0);
    }

    [Fact]
    public void Show_LongStatus_DropsToSingleSizeAndKeepsTheLastLetter()
    {
        var fake = new FakeSsd1306();
        var display = new Ssd1306(fake, NullLogger<Ssd1306>.Instance);

        display.Show(new DisplayContent("SUSPENDEDEVSE", null, ' '));

        // 13 letters × 6 px: the last 'E' starts at x = 72 and its top bar fills y = 20.
        Assert.True(fake.Pixel(72, 20));
        Assert.True(fake.Pixel(76, 20));
        Assert.False(fake.Pixel(80, 20));
    }

    [Fact]
    public void Show_BusFails_GoesOfflineThenReinitialisesWhenBack()
    {
        var fake = new FakeSsd1306();
        var display = new Ssd1306(fake, NullLogger<Ssd1306>.Instance);
        display.Show(new DisplayContent("READY", null, 'E'));

        fake.Broken = true;
        display.Show(new DisplayContent("CHARGING", null, 'E'));
        var offline = !display.IsOnline;
        fake.Broken = false;
        fake.Commands.Clear();
        display.Show(new DisplayContent("CHARGING", null, 'E'));

        Assert.True(offline);
        Assert.True(display.IsOnline);
        Assert.Equal(0xAE, fake.Commands[0]); // full init again after the outage
    }

    [Fact]
    public void Font_EveryStatusCharacter_HasAGlyph()
    {
        foreach (var c in "AVAILABLE PREPARING CHARGING SUSPENDEDEV FINISHING FAULTED 0123456789.:-%/")
        {
            Assert.True(Font5x7.Has(c), $"no glyph for '{c}'");
        }

        Assert.False(Font5x7.Has('~'));
    }
}
