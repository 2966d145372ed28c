namespace Evse.Hardware.Linux.Board;

/// <summary>A board file that cannot be used: the message names the board-file key and, where one is involved, the device.</summary>
public sealed class BoardFileException : Exception
{
    public BoardFileException()
    {
    }

    public BoardFileException(string message)
        : base(message)
    {
    }

    public BoardFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The JSON path of the offending key, e.g. <c>connectors[0].contactor.feedbackPin</c>.</summary>
    public string? Key { get; init; }
}
