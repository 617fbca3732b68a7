import LeadData

/// Pipedrive: `Entity - Label` headers (English; drift between versions is covered by aliases).
extension Preset {
    static let pipedriveDeals = Preset(
        source: "pipedrive", object: "deals", kind: .leads,
        idColumns: ["Deal - ID"],
        fields: [
            .company: ["Deal - Organization", "Organization - Name"],
            .owner: ["Deal - Owner"],
            .leadSource: ["Deal - Source", "Deal - Source origin"],
            .status: ["Deal - Status"],
            .lostReason: ["Deal - Lost reason"],
            .createdAt: ["Deal - Deal created", "Deal - Add time"],
            .lastActivityAt: ["Deal - Last activity date"],
            .closedAt: ["Deal - Lost time", "Deal - Won time", "Deal - Deal closed on", "Deal - Closed on"],
            .modifiedAt: ["Deal - Update time"],
            .accountID: ["Deal - Organization ID", "Organization - ID"],
            .amount: ["Deal - Value"],
            .industry: ["Organization - Industry"],
            .employees: ["Organization - Number of employees"],
            .annualRevenue: ["Organization - Annual revenue"],
            .country: ["Organization - Country of Address", "Organization - Address - Country"],
            .city: ["Organization - City of Address"],
            .domain: ["Organization - Website"],
        ],
        signature: ["Deal - ID", "Deal - Status"],
        lifecycle: .pipedriveDeal)

    static let pipedriveOrganizations = Preset(
        source: "pipedrive", object: "organizations", kind: .accounts,
        idColumns: ["Organization - ID"],
        fields: [
            .company: ["Organization - Name"],
            .industry: ["Organization - Industry"],
            .employees: ["Organization - Number of employees"],
            .annualRevenue: ["Organization - Annual revenue"],
            .country: ["Organization - Country of Address", "Organization - Address - Country"],
            .region: ["Organization - State/County of Address"],
            .city: ["Organization - City of Address"],
            .domain: ["Organization - Website"],
            .owner: ["Organization - Owner"],
            .createdAt: ["Organization - Organization created", "Organization - Add time"],
            .lastActivityAt: ["Organization - Last activity date"],
            .modifiedAt: ["Organization - Update time"],
        ],
        signature: ["Organization - ID", "Organization - Name"],
        lifecycle: .alwaysOpen)

    static let pipedrivePersons = Preset(
        source: "pipedrive", object: "persons", kind: .leads,
        idColumns: ["Person - ID"],
        fields: [
            .company: ["Person - Organization"],
            .email: ["Person - Email", "Person - Email - Work"],
            .title: ["Person - Job title", "Person - Job Title"],
            .owner: ["Person - Owner"],
            .createdAt: ["Person - Person created", "Person - Add time"],
            .lastActivityAt: ["Person - Last activity date"],
            .modifiedAt: ["Person - Update time"],
            .accountID: ["Person - Organization ID", "Organization - ID"],
        ],
        signature: ["Person - ID", "Person - Name"],
        lifecycle: .alwaysOpen)
}
