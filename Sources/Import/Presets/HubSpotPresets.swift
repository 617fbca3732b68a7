import LeadData

/// HubSpot: exports with property labels (the default), `;`-joined multi-values.
extension Preset {
    static let hubspotCompanies = Preset(
        source: "hubspot", object: "companies", kind: .accounts,
        idColumns: ["Record ID", "Company ID"],
        fields: [
            .company: ["Company name", "Name"],
            .domain: ["Company Domain Name", "Website URL"],
            .industry: ["Industry"],
            .employees: ["Number of Employees", "Employee range"],
            .annualRevenue: ["Annual Revenue", "Revenue range"],
            .country: ["Country/Region Code", "Country/Region", "Country"],
            .region: ["State/Region"],
            .city: ["City"],
            .technologies: ["Web Technologies"],
            .businessModel: ["Type", "Business Model"],
            .owner: ["Company owner"],
            .leadSource: ["Original Source", "Original Traffic Source"],
            .status: ["Lead Status", "Lifecycle Stage"],
            .createdAt: ["Create Date"],
            .lastActivityAt: ["Last Activity Date"],
            .modifiedAt: ["Last Modified Date"],
        ],
        signature: ["Record ID", "Company name"],
        lifecycle: .alwaysOpen)

    static let hubspotContacts = Preset(
        source: "hubspot", object: "contacts", kind: .leads,
        idColumns: ["Record ID", "Contact ID"],
        fields: [
            .company: ["Company Name", "Associated Company"],
            .domain: ["Website URL", "Company Domain Name"],
            .industry: ["Industry"],
            .employees: ["Number of Employees"],
            .annualRevenue: ["Annual Revenue"],
            .country: ["Country/Region", "Country"],
            .region: ["State/Region"],
            .city: ["City"],
            .title: ["Job Title"],
            .email: ["Email"],
            .owner: ["Contact owner"],
            .leadSource: ["Original Source", "Original Traffic Source"],
            .status: ["Lead Status"],
            .lostReason: ["Unqualified Reason", "Closed Lost Reason"],
            .createdAt: ["Create Date"],
            .lastActivityAt: ["Last Activity Date"],
            .modifiedAt: ["Last Modified Date"],
            .accountID: ["Primary Associated Company ID", "Associated Company ID"],
        ],
        signature: ["Record ID", "First Name", "Last Name"],
        lifecycle: .hubspotContact)

    static let hubspotDeals = Preset(
        source: "hubspot", object: "deals", kind: .leads,
        idColumns: ["Record ID", "Deal ID"],
        fields: [
            .company: ["Associated Company", "Company name"],
            .owner: ["Deal owner"],
            .leadSource: ["Original Source", "Original Traffic Source"],
            .status: ["Deal Stage"],
            .lostReason: ["Closed Lost Reason"],
            .createdAt: ["Create Date"],
            .lastActivityAt: ["Last Activity Date"],
            .closedAt: ["Close Date"],
            .modifiedAt: ["Last Modified Date"],
            .accountID: ["Associated Company IDs", "Associated Company ID", "Primary Associated Company ID"],
            .amount: ["Amount"],
        ],
        signature: ["Record ID", "Deal Stage"],
        lifecycle: .hubspotDeal)
}
