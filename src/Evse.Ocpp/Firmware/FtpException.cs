namespace Evse.Ocpp.Firmware;

/// <summary>An FTP server answered something other than what the step needs; the message names the command and reply.</summary>
internal sealed class FtpException(string message) : Exception(message);
