using Evse.Core.Ports.Hardware;

namespace Evse.Hardware.Simulated;

internal sealed class SimDisplay : IDisplay
{
    private DisplayContent _content = new("BOOTING", null, ' ');

    public DisplayContent Content => Volatile.Read(ref _content);

    public void Show(DisplayContent content) => Volatile.Write(ref _content, content);
}
