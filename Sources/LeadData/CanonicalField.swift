/// The canonical fields of DESIGN.md: what presets fill and ICP rules speak of. Each is
/// described once, in ``FieldDescriptor/all``.
public enum CanonicalField: String, Sendable, CaseIterable, Codable {
    case crmID = "crm_id"
    case company, domain, industry
    /// An industry classification code: NAICS (`511210`) where the export has one, else SIC
    /// (`7372`); ICPs match it by prefix (`starts_with: ["5112"]`).
    case industryCode = "industry_code"
    case employees
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

    /// What kind of value the field holds (``FieldDescriptor/kind``), which decides which ICP
    /// operators fit.
    public enum Kind: String, Sendable {
        case text, number, date, list, country
    }
}
