namespace Evse.Hardware.Linux.Modbus;

/// <summary>Why a Modbus request failed (expected failures on a field bus, not exceptions).</summary>
public enum ModbusError
{
    None,

    /// <summary>Nothing, or not a whole frame, arrived within the response timeout.</summary>
    Timeout,

    /// <summary>A frame arrived whose CRC does not match.</summary>
    BadCrc,

    /// <summary>A frame from another slave address, or with another function code.</summary>
    UnexpectedReply,

    /// <summary>The slave answered with a Modbus exception (function | 0x80).</summary>
    SlaveException,

    /// <summary>The frame has a wrong byte count or length.</summary>
    Malformed,
}
