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

/// HubSpot exports "with associations": one object's properties and its associated records',
/// each record's id in its own `Record ID - <Object>` column (`Record ID - Contact`,
/// `Record ID - Company`), and properties the two share appearing twice (`Create Date`), the
/// exported object's first. The lead links to its company by `Record ID - Company`.
extension Preset {
    private static func withAssociations(_ base: Preset, id: String, signature: [String], accountColumn: String?) -> Preset {
        var fields = base.fields
        if let accountColumn { fields[.accountID] = [accountColumn] + (fields[.accountID] ?? []) }
        return Preset(source: base.source, object: base.object, kind: base.kind, idColumns: [id] + base.idColumns, fields: fields,
                      signature: signature, lifecycle: base.lifecycle, deletedFlag: base.deletedFlag,
                      listSeparator: base.listSeparator, dateOrder: base.dateOrder)
    }

    static let hubspotContactsWithAssociations = withAssociations(
        .hubspotContacts, id: "Record ID - Contact", signature: ["Record ID - Contact", "First Name", "Last Name"],
        accountColumn: "Record ID - Company")
    static let hubspotDealsWithAssociations = withAssociations(
        .hubspotDeals, id: "Record ID - Deal", signature: ["Record ID - Deal", "Deal Name", "Deal Stage"],
        accountColumn: "Record ID - Company")
    static let hubspotCompaniesWithAssociations = withAssociations(
        .hubspotCompanies, id: "Record ID - Company", signature: ["Record ID - Company", "Company name"], accountColumn: nil)
}
