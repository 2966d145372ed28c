using System.Collections.Concurrent;
using Evse.Ocpp.Firmware;

namespace Evse.Ocpp.Tests.Firmware;

/// <summary>Answers transfers from a script: each call takes the next result (the last one repeats); a success writes <see cref="Content"/>.</summary>
internal sealed class FakeFileTransfer : IFileTransfer
{
    public Queue<TransferResult> Script { get; } = new();

    public byte[] Content { get; set; } = DebPackageBuilder.Build();

    public ConcurrentQueue<Uri> Downloads { get; } = new();

    public ConcurrentQueue<(Uri Location, string FileName, byte[] Content)> Uploads { get; } = new();

    public async Task<TransferResult> DownloadAsync(Uri source, string destinationPath, CancellationToken cancellationToken)
    {
        Downloads.Enqueue(source);
        var result = Next();
        if (result.Succeeded)
        {
            await File.WriteAllBytesAsync(destinationPath, Content, cancellationToken);
        }

        return result;
    }

    public async Task<TransferResult> UploadAsync(Uri location, string sourcePath, string fileName, CancellationToken cancellationToken)
    {
        Uploads.Enqueue((location, fileName, await File.ReadAllBytesAsync(sourcePath, cancellationToken)));
        return Next();
    }

    private TransferResult Next()
    {
        lock (Script)
        {
            return Script.Count switch
            {
                0 => TransferResult.Ok,
                1 => Script.Peek(),
                _ => Script.Dequeue(),
            };
        }
    }
}
