using System.Globalization;

namespace Evse.Hardware.Linux.Chips;

/// <summary>
/// Keeps the energy total in a one-line text file, replaced atomically (write, fsync, rename) so a
/// power cut leaves either the old or the new value, never a torn one.
/// </summary>
public sealed class FileEnergyCounterStore(string path) : IEnergyCounterStore
{
    public string Path => path;

    public double LoadWh()
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var text = File.ReadAllText(path).Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var wh) && double.IsFinite(wh) && wh >= 0
            ? wh
            : throw new InvalidDataException($"Energy counter file {path} holds '{text}', not a number of Wh.");
    }

    public void SaveWh(double energyWh)
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(energyWh.ToString("R", CultureInfo.InvariantCulture) + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
