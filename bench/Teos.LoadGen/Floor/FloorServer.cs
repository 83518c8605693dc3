using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Teos.Protocol.Api;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;

namespace Teos.LoadGen.Floor;

/// <summary>
/// `floor-server`: the least an HTTP tower on this stack does per add_appointment. Kestrel reads the request, the
/// JSON body is parsed and hex-decoded, the signer's key is recovered, the receipt is signed and the JSON answer is
/// written; nothing is validated or logged. With <c>--crypto 0</c> the recovery and the signature are skipped too
/// (a fixed signature is returned), which leaves the HTTP and JSON stack alone. With <c>--log &lt;path&gt;</c> each
/// request's fields are made durable in an <see cref="AppendLog"/> before the receipt is signed, as teosd stores an
/// appointment before it signs.
/// </summary>
public static class FloorServer
{
    public const string ReadyLine = "floor server ready";

    /// <summary>Printed after a clean stop when the server had a log: `append log: N records in S syncs`.</summary>
    public const string LogLine = @"append log: (\d+) records in (\d+) syncs";

    private const uint StartBlock = 800_000;

    public static async Task<int> RunAsync(Options options)
    {
        var port = options.Int("port", 0);
        var crypto = options.Int("crypto", 1) != 0;
        var logPath = options.StrOrNull("log");
        options.EnsureAllUsed();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var signer = LightningMessageSigner.Default;
        var towerKey = SecretKey.Generate(signer.Engine);
        var fixedReceipt = new AppointmentReceipt(new string('y', 104), StartBlock).Sign(towerKey, ClientProfile.Rust, signer);
        var log = logPath is null ? null : new AppendLog(logPath);
        app.Run(context => AnswerAsync(context, crypto ? signer : null, towerKey, fixedReceipt, log));

        await app.StartAsync();
        Console.WriteLine(ReadyLine);
        await app.WaitForShutdownAsync();
        if (log is not null)
        {
            await log.DisposeAsync();
            Console.WriteLine($"append log: {log.Records} records in {log.Syncs} syncs");
        }

        return 0;
    }

    private static async Task AnswerAsync(
        HttpContext context, LightningMessageSigner? signer, SecretKey towerKey, string fixedReceipt, AppendLog? log)
    {
        var body = new byte[context.Request.ContentLength ?? 0];
        await context.Request.Body.ReadExactlyAsync(body, context.RequestAborted);
        using var json = JsonDocument.Parse(body);
        var appointment = json.RootElement.GetProperty("appointment");
        var locator = Locator.FromBytes(Convert.FromHexString(appointment.GetProperty("locator").GetString()!));
        var blob = Convert.FromHexString(appointment.GetProperty("encrypted_blob").GetString()!);
        var toSelfDelay = appointment.GetProperty("to_self_delay").GetUInt32();
        var signature = json.RootElement.GetProperty("signature").GetString()!;

        var receipt = fixedReceipt;
        if (signer is not null)
        {
            var message = AppointmentSerialization.Serialize(locator, blob, toSelfDelay);
            if (!signer.TryRecover(message, signature, out _, out _))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        if (log is not null)
            await log.AppendAsync(Record(locator, blob, toSelfDelay, signature));
        if (signer is not null)
            receipt = new AppointmentReceipt(signature, StartBlock).Sign(towerKey, ClientProfile.Rust, signer);

        var answer = JsonSerializer.SerializeToUtf8Bytes(
            new AddAppointmentResponse(locator.ToHex(), StartBlock, receipt, AvailableSlots: 100, SubscriptionExpiry: StartBlock + 4320));
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    /// <summary>The appointment's fields at their binary size, and the signature as sent.</summary>
    private static byte[] Record(Locator locator, byte[] blob, uint toSelfDelay, string signature)
    {
        var signatureBytes = Encoding.ASCII.GetBytes(signature);
        var record = new byte[Locator.Size + sizeof(uint) + blob.Length + signatureBytes.Length];
        locator.WriteTo(record);
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(Locator.Size), toSelfDelay);
        blob.CopyTo(record, Locator.Size + sizeof(uint));
        signatureBytes.CopyTo(record, Locator.Size + sizeof(uint) + blob.Length);
        return record;
    }
}
