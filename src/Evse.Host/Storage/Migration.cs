namespace Evse.Host.Storage;

/// <summary>One step of the schema. Versions are consecutive from 1; a step never changes once shipped.</summary>
public sealed record Migration(int Version, string Name, string Sql);
