namespace Teos.LoadGen.Reliability;

/// <summary>What the tower acknowledged for one add_appointment: the receipt fields of its 200 answer.</summary>
public sealed record Receipt(string Locator, uint StartBlock, string Signature, uint AvailableSlots);
