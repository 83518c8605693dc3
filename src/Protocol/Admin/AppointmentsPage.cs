using System.Text.Json.Serialization;

namespace Teos.Protocol.Admin;

/// <summary>
/// get_all_appointments / get_appointments answer: <see cref="AdminAppointment"/> and <see cref="AdminTracker"/>
/// objects mixed, in uuid order. <see cref="Next"/> is the cursor for the next page (null: this was the last).
/// </summary>
public sealed record AppointmentsPage(
    [property: JsonPropertyName("appointments")] IReadOnlyList<object> Appointments,
    [property: JsonPropertyName("next")] string? Next);
