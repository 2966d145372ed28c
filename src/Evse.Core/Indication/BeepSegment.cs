namespace Evse.Core.Indication;

/// <summary>One beep of a buzzer pattern: when it starts after the pattern begins, and how long it sounds.</summary>
public readonly record struct BeepSegment(TimeSpan Start, TimeSpan Duration);
