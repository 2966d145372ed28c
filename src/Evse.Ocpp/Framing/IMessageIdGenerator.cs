namespace Evse.Ocpp.Framing;

/// <summary>Supplies the unique ids of the CALLs we send (at most 36 characters, never reused on a connection).</summary>
public interface IMessageIdGenerator
{
    /// <summary>The next unique id.</summary>
    string NextId();
}
