namespace Evse.Hardware.Linux.Modbus;

/// <summary>The outcome of one Modbus transaction, after retries.</summary>
/// <param name="Attempts">How many requests were sent.</param>
/// <param name="ExceptionCode">The slave's exception code when <see cref="Error"/> is <see cref="ModbusError.SlaveException"/>.</param>
public readonly record struct ModbusResult(ModbusError Error, int Attempts, byte ExceptionCode = 0)
{
    public bool Success => Error == ModbusError.None;
}
