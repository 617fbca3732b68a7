import Foundation
import LeadData

/// How an export's status columns decide a record's lifecycle (open, won, lost, disqualified).
public enum LifecycleRule: Sendable, Equatable {
    /// Companies, people without a status: always open.
    case alwaysOpen
    /// Salesforce Lead: `IsConverted` is the reliable won signal; `Status` says the rest.
    case salesforceLead
    /// Salesforce Opportunity: `IsClosed`/`IsWon`, else the stage name.
    case salesforceOpportunity
    /// HubSpot contact: `Lead Status` Unqualified → disqualified; lifecycle stage customer → won.
    case hubspotContact
    /// HubSpot deal: `Is closed lost` / `Is Closed Won`, else the deal stage.
    case hubspotDeal
    /// Pipedrive deal or lead: `Deal - Status` open / won / lost.
    case pipedriveDeal
    /// A mapping file's `lifecycle:` section.
    case mapped(column: String, won: [String], lost: [String], disqualified: [String])

    /// The status column whose raw value is kept in `leads.status`.
    var statusColumns: [String] {
        switch self {
        case .alwaysOpen: return ["Lifecycle Stage", "Lead Status", "Status"]
        case .salesforceLead: return ["Status", "Lead Status"]
        case .salesforceOpportunity: return ["StageName", "Stage"]
        case .hubspotContact: return ["Lead Status", "Lifecycle Stage"]
        case .hubspotDeal: return ["Deal Stage"]
        case .pipedriveDeal: return ["Deal - Status", "Lead - Status", "Status"]
        case .mapped(let column, _, _, _): return [column]
        }
    }

    /// Every column the rule may read.
    var columns: [String] {
        switch self {
        case .alwaysOpen: return []
        case .salesforceLead: return ["IsConverted", "Converted", "Status", "Lead Status"]
        case .salesforceOpportunity: return ["IsClosed", "Closed", "IsWon", "Won", "StageName", "Stage"]
        case .hubspotContact: return ["Lead Status", "Lifecycle Stage"]
        case .hubspotDeal: return ["Is Closed Won", "Is closed lost", "Is Closed Lost", "Deal Stage"]
        case .pipedriveDeal: return ["Deal - Status", "Lead - Status", "Status"]
        case .mapped(let column, _, _, _): return [column]
        }
    }

    /// The lifecycle of a row; `value` reads a column by header name (nil if absent or empty).
    func lifecycle(_ value: (String) -> String?) -> Lifecycle {
        func flag(_ names: String...) -> Bool? {
            for name in names { if let v = value(name), let b = TextValues.boolean(v) { return b } }
            return nil
        }
        func text(_ names: String...) -> String {
            for name in names { if let v = value(name) { return v.lowercased() } }
            return ""
        }
        switch self {
        case .alwaysOpen:
            return .open
        case .salesforceLead:
            if flag("IsConverted", "Converted") == true { return .won }
            let status = text("Status", "Lead Status")
            if status.containsText("unqualified") || status.containsText("disqualified") || status.containsText("junk") { return .disqualified }
            if status.containsText("not converted") || status.containsText("lost") || status.containsText("closed") && !status.containsText("converted") { return .lost }
            if status.containsText("converted") { return .won }
            return .open
        case .salesforceOpportunity:
            if let closed = flag("IsClosed", "Closed") {
                if !closed { return .open }
                return flag("IsWon", "Won") == true ? .won : .lost
            }
            let stage = text("StageName", "Stage")
            if stage.containsText("closed won") || stage == "won" { return .won }
            if stage.containsText("closed lost") || stage == "lost" || stage.containsText("perdid") { return .lost }
            return .open
        case .hubspotContact:
            let status = String(text("Lead Status").map { $0 == "_" ? " " : $0 })
            if status.containsText("unqualified") { return .disqualified }
            let stage = text("Lifecycle Stage")
            if stage == "customer" || stage == "evangelist" { return .won }
            return .open
        case .hubspotDeal:
            if flag("Is Closed Won") == true { return .won }
            if flag("Is closed lost", "Is Closed Lost") == true { return .lost }
            let stage = text("Deal Stage").filter { $0 != " " }
            if stage.containsText("closedwon") { return .won }
            if stage.containsText("closedlost") { return .lost }
            return .open
        case .pipedriveDeal:
            switch text("Deal - Status", "Lead - Status", "Status") {
            case "won", "gewonnen", "gagné", "gagne", "ganado", "vinto": return .won
            case "lost", "verloren", "perdu", "perdido", "perso": return .lost
            case "deleted": return .disqualified
            default: return .open
            }
        case .mapped(let column, let won, let lost, let disqualified):
            let raw = (value(column) ?? "").trimmed.lowercased()
            if won.contains(where: { $0.lowercased() == raw }) { return .won }
            if lost.contains(where: { $0.lowercased() == raw }) { return .lost }
            if disqualified.contains(where: { $0.lowercased() == raw }) { return .disqualified }
            return .open
        }
    }
}
