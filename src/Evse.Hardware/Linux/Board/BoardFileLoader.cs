using System.Text.Json;
using Evse.Core.Ports.Hardware;
using Microsoft.Extensions.Logging;

namespace Evse.Hardware.Linux.Board;

/// <summary>
/// The host's one entry point to the Linux hardware: reads a board file (JSON, see docs/hardware.md),
/// builds the real parts it names and takes every part that is <c>"simulated"</c> or absent from the
/// simulated board, so a board can be brought up part by part.
/// </summary>
public static partial class BoardFileLoader
{
    /// <summary>Loads <paramref name="boardFilePath"/> and opens the real devices it names.</summary>
    /// <exception cref="BoardFileException">The file is missing or malformed, a key is wrong, a device node is missing, or a pin does not exist; the message names the key and the device.</exception>
    public static BoardStationHardware Load(string boardFilePath, IStationHardware simulated, TimeProvider time, ILoggerFactory loggers)
    {
        string json;
        try
        {
            json = File.ReadAllText(boardFilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BoardFileException($"Hardware:BoardFile '{boardFilePath}' cannot be read: {ex.Message}", ex) { Key = "Hardware:BoardFile" };
        }

        var devices = new LinuxBoardDevices();
        try
        {
            return Load(json, boardFilePath, simulated, time, loggers, devices);
        }
        catch
        {
            devices.Dispose();
            throw;
        }
    }

    /// <summary>Builds the station from board-file text with the given device opener (fakes in tests). The station owns <paramref name="devices"/>.</summary>
    public static BoardStationHardware Load(string json, string source, IStationHardware simulated, TimeProvider time, ILoggerFactory loggers, IBoardDevices devices)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(loggers);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new BoardFileException($"Board file {source} is not valid JSON: {ex.Message}", ex) { Key = "Hardware:BoardFile" };
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BoardFileException($"Board file {source}: the top level must be an object.") { Key = "Hardware:BoardFile" };
            }

            var builder = new BoardBuilder(new BoardNode(document.RootElement, string.Empty), simulated, time, loggers, devices);
            try
            {
                var station = builder.Build();
                var realParts = station.RealParts.Count == 0 ? "none" : string.Join(", ", station.RealParts);
                var logger = loggers.CreateLogger(typeof(BoardFileLoader).FullName!);
                LogLoaded(logger, source, realParts);
                return station;
            }
            catch
            {
                builder.DisposeOwned();
                throw;
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Board file {Source} loaded; real parts: {RealParts}; everything else simulated")]
    private static partial void LogLoaded(ILogger logger, string source, string realParts);
}
