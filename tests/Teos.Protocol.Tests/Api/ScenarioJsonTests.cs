using System.Text.Json;
using Teos.Protocol.Api;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Api;

/// <summary>
/// The DTOs read and write the scenario's exact bodies (spec 3.3–3.6): snake_case names, keys in spec order,
/// compact JSON.
/// </summary>
public class ScenarioJsonTests
{
    public static IEnumerable<object[]> Steps =>
        SpecVectors.Section("scenario").GetProperty("steps").EnumerateArray()
            .Select((step, index) => (step, index))
            .Where(s => s.step.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object)
            .Select(s => new object[] { new VectorRow("scenario.steps", s.index, s.step.GetRawText()) });

    [Theory]
    [MemberData(nameof(Steps))]
    public void Request_bodies_round_trip_through_the_dtos(VectorRow row)
    {
        var request = row.Entry.GetProperty("request");
        var json = request.GetProperty("json");
        var type = request.GetProperty("path").GetString() switch
        {
            "/register" => typeof(RegisterRequest),
            "/add_appointment" => typeof(AddAppointmentRequest),
            "/get_appointment" => typeof(GetAppointmentRequest),
            "/get_subscription_info" => typeof(GetSubscriptionInfoRequest),
            var path => throw new InvalidOperationException($"no request dto for {path}"),
        };
        AssertRoundTrip(json, type);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Response_bodies_round_trip_through_the_dtos(VectorRow row)
    {
        var response = row.Entry.GetProperty("response");
        var json = response.GetProperty("json");
        var type = response.GetProperty("status").GetInt32() != 200
            ? typeof(ErrorResponse)
            : row.Entry.GetProperty("request").GetProperty("path").GetString() switch
            {
                "/register" => typeof(RegisterResponse),
                "/add_appointment" => typeof(AddAppointmentResponse),
                "/get_appointment" when json.GetProperty("appointment").TryGetProperty("dispute_txid", out _) => typeof(RespondedAppointmentResponse),
                "/get_appointment" => typeof(WatchedAppointmentResponse),
                "/get_subscription_info" => typeof(GetSubscriptionInfoResponse),
                var path => throw new InvalidOperationException($"no response dto for {path}"),
            };
        AssertRoundTrip(json, type);
    }

    [Fact]
    public void Error_codes_are_numbers_with_their_http_status()
    {
        var body = JsonSerializer.Serialize(new ErrorResponse("Appointment not found", ErrorCode.AppointmentNotFound));
        Assert.Equal("""{"error":"Appointment not found","error_code":36}""", body);
        Assert.Equal(404, ErrorCode.AppointmentNotFound.HttpStatus());
        Assert.Equal(401, ErrorCode.InvalidSignatureOrSubscriptionError.HttpStatus());
        Assert.Equal(503, ErrorCode.ServiceUnavailable.HttpStatus());
        Assert.Equal(400, ErrorCode.WrongFieldSize.HttpStatus());
    }

    [Fact]
    public void Every_spec_error_code_is_defined()
    {
        byte[] spec = [1, 2, 3, 4, 5, 6, 7, 32, 33, 34, 35, 36, 65, 255];
        Assert.Equal(spec, Enum.GetValues<ErrorCode>().Select(code => (byte)code).Order());
    }

    [Fact]
    public void The_python_register_response_adds_public_key_last_and_rust_omits_it()
    {
        var rust = new RegisterResponse("02aa", 1, 2, 3, "sig");
        var python = rust with { PublicKey = "02aa" };
        Assert.Equal("""{"user_id":"02aa","available_slots":1,"subscription_start":2,"subscription_expiry":3,"subscription_signature":"sig"}""", JsonSerializer.Serialize(rust));
        Assert.EndsWith(""","public_key":"02aa"}""", JsonSerializer.Serialize(python));
        Assert.Equal("02aa", JsonSerializer.Deserialize<PythonRegisterRequest>("""{"public_key":"02aa"}""")!.PublicKey);
    }

    private static void AssertRoundTrip(JsonElement json, Type type)
    {
        var expected = JsonSerializer.Serialize(json);
        var dto = JsonSerializer.Deserialize(json, type);
        Assert.Equal(expected, JsonSerializer.Serialize(dto, type));
    }
}
