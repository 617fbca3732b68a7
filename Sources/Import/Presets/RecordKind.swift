/// Where an export's records land: `leads` (re-evaluated), `accounts` (companies) or `owners`
/// (the CRM's users, so reports name a lead's owner).
public enum RecordKind: String, Sendable, Codable {
    case leads, accounts, owners
}
