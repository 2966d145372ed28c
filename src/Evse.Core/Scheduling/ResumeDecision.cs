namespace Evse.Core.Scheduling;

/// <summary>Whether a session cut by a reboot starts again by itself.</summary>
/// <param name="Resume">Start a new session for <paramref name="IdTag"/> without asking the driver again.</param>
/// <param name="IdTag">The interrupted session's id, when resuming.</param>
/// <param name="NotBefore">Not before this time (the cold-load hold), when resuming.</param>
/// <param name="Reason">For the log.</param>
public sealed record ResumeDecision(bool Resume, string? IdTag, DateTimeOffset? NotBefore, string Reason);
