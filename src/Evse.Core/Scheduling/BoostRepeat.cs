namespace Evse.Core.Scheduling;

/// <summary>Seed 004 §10: a boost timer runs "Every Day" or "Only Once".</summary>
public enum BoostRepeat
{
    EveryDay,
    Once,
}
