using System.Runtime.InteropServices;

namespace Evse.Hardware.Linux.Interop;

/// <summary>
/// struct spi_ioc_transfer (linux/spi/spidev.h): __u64 tx_buf, rx_buf; __u32 len, speed_hz;
/// __u16 delay_usecs; __u8 bits_per_word, cs_change, tx_nbits, rx_nbits, word_delay_usecs, pad; 32 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SpiIocTransfer
{
    // spidev.h: SPI_IOC_MAGIC 'k'. _IOW(type, nr, size) = 1 << 30 | size << 16 | type << 8 | nr.
    internal const uint WriteMode = 0x40016B01;          // SPI_IOC_WR_MODE, __u8
    internal const uint WriteBitsPerWord = 0x40016B03;   // SPI_IOC_WR_BITS_PER_WORD, __u8
    internal const uint WriteMaxSpeedHz = 0x40046B04;    // SPI_IOC_WR_MAX_SPEED_HZ, __u32

    public ulong TransmitBuffer;
    public ulong ReceiveBuffer;
    public uint Length;
    public uint SpeedHz;
    public ushort DelayMicroseconds;
    public byte BitsPerWord;
    public byte ChipSelectChange;
    public byte TransmitBits;
    public byte ReceiveBits;
    public byte WordDelayMicroseconds;
    public byte Pad;

    /// <summary>SPI_IOC_MESSAGE(n) = _IOW('k', 0, char[n * sizeof(struct spi_ioc_transfer)]).</summary>
    internal static uint MessageIoctl(int transferCount) => (1u << 30) | ((uint)(transferCount * 32) << 16) | (0x6Bu << 8);
}
