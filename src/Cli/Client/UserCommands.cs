using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Cli.Client;

/// <summary>
/// The user's calls to a tower (spec 3.3-3.6). Each returns what to print; a receipt whose signature does not
/// verify against the pinned tower id throws <see cref="ReceiptNotVerifiedException"/>.
/// </summary>
public sealed class UserCommands(ClientContext context, TowerConnection tower)
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<string> RegisterAsync(CancellationToken cancellationToken)
    {
        var towerId = context.RequireTowerId();
        var userId = context.UserId;
        var answer = Succeeded(
            "register", await tower.PostAsync("register", new JsonObject { ["user_id"] = userId.ToHex() }, cancellationToken));

        if (!string.Equals(answer.String("user_id"), userId.ToHex(), StringComparison.OrdinalIgnoreCase))
            throw new ReceiptNotVerifiedException($"the tower registered user {answer.String("user_id")}, not {userId.ToHex()}");
        var receipt = new RegistrationReceipt(
            userId, answer.UInt("available_slots"), answer.UInt("subscription_start"), answer.UInt("subscription_expiry"));
        var signature = answer.String("subscription_signature");
        if (!receipt.Verify(signature, towerId))
            throw NotVerified("registration receipt", towerId, receipt.TryRecoverSigner(signature, out var signer, out _) ? signer : null);

        await new PinnedTower(context.Tower.ToString(), towerId.ToHex()).SaveAsync(context.DataDir, cancellationToken);
        return context.Json
            ? Serialize(answer.Body)
            : Fields(
                ("registered with", $"{context.Tower} (tower id {towerId.ToHex()})"),
                ("user id", userId.ToHex()),
                ("available slots", Number(receipt.AvailableSlots)),
                ("subscription start", Number(receipt.SubscriptionStart)),
                ("subscription expiry", Number(receipt.SubscriptionExpiry)),
                ("receipt", "signature verified against the tower id"));
    }

    public async Task<string> AddAppointmentAsync(string commitmentTxid, string penaltyHex, uint toSelfDelay, TextWriter warnings, CancellationToken cancellationToken)
    {
        var towerId = context.RequireTowerId();
        if (!uint256.TryParse(commitmentTxid.Trim(), out var txid))
            throw new ClientException("--commitment-txid: expected the commitment transaction's id, 64 hex characters as bitcoind shows it");
        if (!BitcoinWire.TryParseTransactionHex(penaltyHex.Trim(), out var penalty, out var penaltyError))
            throw new ClientException($"--penalty-tx: not a raw transaction in hex ({penaltyError})");
        if (!penalty.Inputs.Any(input => input.PrevOut.Hash == txid))
            await warnings.WriteLineAsync("warning: the penalty transaction spends no output of the commitment transaction");

        var appointment = PreparedAppointment.Create(context.UserKey, txid, penalty, toSelfDelay);
        var answer = Succeeded("add-appointment", await tower.PostAsync("add_appointment", new JsonObject
        {
            ["appointment"] = new JsonObject
            {
                ["locator"] = appointment.Locator.ToHex(),
                ["encrypted_blob"] = Hex.Encode(appointment.EncryptedBlob),
                ["to_self_delay"] = appointment.ToSelfDelay,
            },
            ["signature"] = appointment.Signature,
        }, cancellationToken));

        if (!string.Equals(answer.String("locator"), appointment.Locator.ToHex(), StringComparison.OrdinalIgnoreCase))
            throw new ReceiptNotVerifiedException($"the tower acknowledged locator {answer.String("locator")}, not {appointment.Locator.ToHex()}");
        var receipt = new AppointmentReceipt(appointment.Signature, answer.UInt("start_block"));
        var signature = answer.String("signature");
        if (!receipt.Verify(signature, towerId))
            throw NotVerified("appointment receipt", towerId, receipt.TryRecoverSigner(signature, out var signer, out _) ? signer : null);

        return context.Json
            ? Serialize(answer.Body)
            : Fields(
                ("locator", appointment.Locator.ToHex()),
                ("start block", Number(receipt.StartBlock)),
                ("available slots", Number(answer.UInt("available_slots"))),
                ("subscription expiry", Number(answer.UInt("subscription_expiry"))),
                ("receipt", "signature verified against the tower id"));
    }

    public async Task<string> GetAppointmentAsync(string locatorHex, CancellationToken cancellationToken)
    {
        var text = locatorHex.Trim().ToLowerInvariant();
        if (!Locator.TryParseHex(text, out _, out _))
            throw new ClientException("locator: expected 32 hex characters (add-appointment prints it)");
        var answer = await tower.PostAsync("get_appointment", new JsonObject
        {
            ["locator"] = text,
            ["signature"] = LightningMessageSigner.Default.Sign(context.UserKey, UserRequestMessages.GetAppointment(text)),
        }, cancellationToken);

        // Not found is an answer, not a failure: the tower may never have had it, or finished with it.
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return context.Json
                ? Serialize(new JsonObject { ["locator"] = text, ["status"] = "not_found" })
                : Fields(("locator", text), ("status", "not_found (the tower holds no appointment of yours for this locator)"));
        }

        Succeeded("get-appointment", answer);
        if (context.Json)
            return Serialize(answer.Body);
        var status = answer.String("status");
        var fields = new List<(string, string)> { ("locator", text), ("status", status) };
        foreach (var property in answer.Body.GetProperty("appointment").EnumerateObject())
        {
            var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            fields.Add((property.Name.Replace('_', ' '), property.Name.EndsWith("blob", StringComparison.Ordinal) ? $"{value.Length / 2} bytes" : value));
        }

        return Fields([.. fields]);
    }

    public async Task<string> GetSubscriptionInfoAsync(CancellationToken cancellationToken)
    {
        var answer = Succeeded("get-subscription-info", await tower.PostAsync("get_subscription_info", new JsonObject
        {
            ["signature"] = LightningMessageSigner.Default.Sign(context.UserKey, UserRequestMessages.GetSubscriptionInfo),
        }, cancellationToken));
        if (context.Json)
            return Serialize(answer.Body);

        var locators = answer.Body.GetProperty("locators").EnumerateArray().Select(l => l.GetString()!).ToList();
        var text = new StringBuilder(Fields(
            ("user id", context.UserId.ToHex()),
            ("available slots", Number(answer.UInt("available_slots"))),
            ("subscription expiry", Number(answer.UInt("subscription_expiry"))),
            ("appointments", Number((uint)locators.Count))));
        foreach (var locator in locators)
            text.AppendLine($"  {locator}");
        return text.ToString();
    }

    private static TowerAnswer Succeeded(string command, TowerAnswer answer) =>
        answer.IsSuccess ? answer : throw new ClientException($"{command}: the tower answered {(int)answer.Status}: {answer.Error}");

    private static ReceiptNotVerifiedException NotVerified(string what, PublicKey expected, PublicKey? signer) =>
        new($"the {what} is NOT signed by the tower id {expected.ToHex()} "
            + (signer is { } other ? $"(it was signed by {other.ToHex()})" : "(the signature is malformed)")
            + ". Do not rely on this tower's answer: check --tower and --tower-id.");

    private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fields(params (string Name, string Value)[] fields)
    {
        var width = fields.Max(field => field.Name.Length) + 2;
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
            text.Append(name.PadRight(width)).AppendLine(value);
        return text.ToString();
    }

    private static string Serialize(object value) => JsonSerializer.Serialize(value, Pretty) + Environment.NewLine;
}
