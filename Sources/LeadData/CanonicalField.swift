/// The canonical fields of DESIGN.md: what presets fill and ICP rules speak of.
public enum CanonicalField: String, Sendable, CaseIterable, Codable {
    case crmID = "crm_id"
    case company, domain, industry, employees
    case annualRevenue = "annual_revenue"
    case country, region, city
    case businessModel = "business_model"
    case technologies
    case fundingStage = "funding_stage"
    case lastFundingAt = "last_funding_at"
    case title, email, owner
    case leadSource = "lead_source"
    case status
    case lostReason = "lost_reason"
    case createdAt = "created_at"
    case lastActivityAt = "last_activity_at"
    case closedAt = "closed_at"
    case modifiedAt = "modified_at"
    case accountID = "account_id"
    /// The deal's value (Salesforce Opportunity `Amount`, HubSpot deal `Amount`, Pipedrive `Deal - Value`).
    case amount

    /// What kind of value the field holds, which decides how it is read and which ICP operators fit.
    public enum Kind: String, Sendable {
        case text, number, date, list, country
    }

    public var kind: Kind {
        switch self {
        case .employees, .annualRevenue, .amount: return .number
        case .lastFundingAt, .createdAt, .lastActivityAt, .closedAt, .modifiedAt: return .date
        case .technologies: return .list
        case .country: return .country
        default: return .text
        }
    }
}
