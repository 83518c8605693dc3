namespace Teos.LoadGen.Data;

/// <summary>One appointments-table row as the tower would have stored it.</summary>
public readonly record struct AppointmentRow(int UserIndex, byte[] Uuid, byte[] Locator, byte[] Blob);
