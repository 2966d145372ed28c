namespace Evse.Hardware.Linux.Serial;

public enum SerialParity
{
    None,
    Even,
    Odd,
}
