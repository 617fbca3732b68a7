import LeadData

/// Salesforce: the weekly Data Export (API names, every field quoted, `0`/`1` booleans,
/// `YYYY-MM-DD HH:MM:SS` datetimes) and "Details Only" report exports (labels).
extension Preset {
    static let salesforceLead = Preset(
        source: "salesforce", object: "Lead", kind: .leads,
        idColumns: ["Id", "Lead ID"],
        fields: [
            .company: ["Company", "Company / Account"],
            .domain: ["Website"],
            .industry: ["Industry"],
            .employees: ["NumberOfEmployees", "No. of Employees", "Employees"],
            .annualRevenue: ["AnnualRevenue", "Annual Revenue"],
            .country: ["CountryCode", "Country", "Country Code"],
            .region: ["StateCode", "State", "State/Province"],
            .city: ["City"],
            .title: ["Title"],
            .email: ["Email"],
            .owner: ["OwnerId", "Lead Owner", "Owner"],
            .leadSource: ["LeadSource", "Lead Source"],
            .status: ["Status", "Lead Status"],
            .lostReason: ["Loss_Reason__c", "LossReason__c", "Loss Reason"],
            .createdAt: ["CreatedDate", "Create Date", "Created Date"],
            .lastActivityAt: ["LastActivityDate", "Last Activity", "Last Activity Date"],
            .closedAt: ["ConvertedDate", "Converted Date"],
            .modifiedAt: ["LastModifiedDate", "Last Modified Date", "SystemModstamp"],
            .accountID: ["ConvertedAccountId"],
        ],
        signature: ["Company", "Status"],
        lifecycle: .salesforceLead, deletedFlag: "IsDeleted")

    static let salesforceLeadReport = Preset(
        source: "salesforce", object: "Lead", kind: .leads,
        idColumns: ["Lead ID", "Id"],
        fields: salesforceLead.fields,
        signature: ["Company / Account", "Lead Status"],
        lifecycle: .salesforceLead)

    static let salesforceAccount = Preset(
        source: "salesforce", object: "Account", kind: .accounts,
        idColumns: ["Id", "Account ID"],
        fields: [
            .company: ["Name", "Account Name"],
            .domain: ["Website"],
            .industry: ["Industry"],
            .industryCode: ["NaicsCode", "NAICS Code", "Sic", "SIC Code"],
            .employees: ["NumberOfEmployees", "Employees", "No. of Employees"],
            .annualRevenue: ["AnnualRevenue", "Annual Revenue"],
            .country: ["BillingCountryCode", "BillingCountry", "Billing Country", "ShippingCountryCode", "ShippingCountry"],
            .region: ["BillingStateCode", "BillingState", "Billing State/Province"],
            .city: ["BillingCity", "Billing City"],
            .owner: ["OwnerId", "Account Owner"],
            .createdAt: ["CreatedDate", "Created Date"],
            .lastActivityAt: ["LastActivityDate", "Last Activity"],
            .modifiedAt: ["LastModifiedDate", "Last Modified Date"],
        ],
        signature: ["Name", "BillingCountry"],
        lifecycle: .alwaysOpen, deletedFlag: "IsDeleted")

    static let salesforceAccountReport = Preset(
        source: "salesforce", object: "Account", kind: .accounts,
        idColumns: ["Account ID", "Id"],
        fields: salesforceAccount.fields,
        signature: ["Account Name", "Billing Country"],
        lifecycle: .alwaysOpen)

    static let salesforceContact = Preset(
        source: "salesforce", object: "Contact", kind: .leads,
        idColumns: ["Id", "Contact ID"],
        fields: [
            .title: ["Title"],
            .email: ["Email"],
            .owner: ["OwnerId", "Contact Owner"],
            .leadSource: ["LeadSource", "Lead Source"],
            .country: ["MailingCountryCode", "MailingCountry", "Mailing Country"],
            .region: ["MailingStateCode", "MailingState"],
            .city: ["MailingCity", "Mailing City"],
            .createdAt: ["CreatedDate", "Created Date"],
            .lastActivityAt: ["LastActivityDate", "Last Activity"],
            .modifiedAt: ["LastModifiedDate", "Last Modified Date"],
            .accountID: ["AccountId", "Account ID"],
            .company: ["Account Name", "Company__c"],
        ],
        signature: ["AccountId", "MailingCountry"],
        lifecycle: .alwaysOpen, deletedFlag: "IsDeleted")

    static let salesforceOpportunity = Preset(
        source: "salesforce", object: "Opportunity", kind: .leads,
        idColumns: ["Id", "Opportunity ID"],
        fields: [
            .company: ["Account Name", "Account.Name"],
            .owner: ["OwnerId", "Opportunity Owner"],
            .leadSource: ["LeadSource", "Lead Source"],
            .status: ["StageName", "Stage"],
            .lostReason: ["Loss_Reason__c", "LossReason__c", "Loss Reason"],
            .createdAt: ["CreatedDate", "Created Date"],
            .lastActivityAt: ["LastActivityDate", "Last Activity"],
            .closedAt: ["CloseDate", "Close Date"],
            .modifiedAt: ["LastModifiedDate", "Last Modified Date", "LastStageChangeDate"],
            .accountID: ["AccountId", "Account ID"],
            .amount: ["Amount"],
        ],
        signature: ["StageName", "IsClosed"],
        lifecycle: .salesforceOpportunity, deletedFlag: "IsDeleted")

    static let salesforceOpportunityReport = Preset(
        source: "salesforce", object: "Opportunity", kind: .leads,
        idColumns: ["Opportunity ID", "Id"],
        fields: salesforceOpportunity.fields,
        signature: ["Opportunity Name", "Stage", "Close Date"],
        lifecycle: .salesforceOpportunity)

    /// A Salesforce `User` export (Data Loader or Data Export): user ids to names, for reports.
    static let salesforceUser = Preset(
        source: "salesforce", object: "User", kind: .owners,
        idColumns: ["Id", "User ID"],
        fields: [.owner: ["Name", "Full Name"], .email: ["Email"]],
        signature: ["Username", "IsActive"],
        lifecycle: .alwaysOpen)
}
