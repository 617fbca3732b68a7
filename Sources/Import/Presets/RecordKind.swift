/// Where an export's records land: `leads` (re-evaluated) or `accounts` (companies).
public enum RecordKind: String, Sendable, Codable {
    case leads, accounts
}
