namespace Evse.Core.Scheduling;

/// <summary>What <see cref="ChargeModePolicy"/> needs, for the phase that binds (the one with the least surplus).</summary>
/// <param name="Mode">The configured solar working mode.</param>
/// <param name="BoostPressed">The app's Boost button: ECO/ECO+ charge as FAST until it is pressed again.</param>
/// <param name="BoostTimerActive">A boost timer window runs now (<see cref="BoostTimerSet.IsActive"/>).</param>
/// <param name="GridImportAmps">The grid meter's current at the supply point, positive importing, negative exporting; null when there is no fresh reading.</param>
/// <param name="OwnChargingAmps">What this charger draws now on that phase.</param>
/// <param name="EcoPlusGridAmps">ECO+ current: grid current allowed on top of the surplus, 0–5 A.</param>
public sealed record ChargeModeInputs(
    ChargeMode Mode,
    bool BoostPressed,
    bool BoostTimerActive,
    double? GridImportAmps,
    double OwnChargingAmps,
    double EcoPlusGridAmps);
