import Foundation
import LeadData

/// CSV text helpers for the sample writers.
enum SampleCSV {
    /// Every field quoted, as Salesforce's Data Export writes.
    static func quotedRow(_ fields: [String]) -> String {
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\r\n"
    }

    /// Quoted only where needed, as HubSpot and Pipedrive write.
    static func row(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(",") || f.contains("\"") || f.contains("\n") ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\n"
    }

    static func sfDate(_ t: Timestamp?) -> String {
        guard let t else { return "" }
        let iso = t.adding(days: 0).isoDateTime
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8))
    }

    static func day(_ t: Timestamp?) -> String { t.map(\.isoDay) ?? "" }
}

/// Salesforce weekly Data Export files.
enum SalesforceSample {
    static let emptyLookup = "000000000000000AAA"

    static func accountID(_ c: SampleCompany) -> String { "001" + String(format: "%012d", c.index) + "AAA" }

    /// The sales rep's user id, one per name in `SampleCompanies.owners`.
    static func ownerID(_ c: SampleCompany) -> String {
        "005" + String(format: "%012d", (SampleCompanies.owners.firstIndex(of: c.owner) ?? 0) + 1) + "AAA"
    }

    /// The `User` export that names the owners: a Data Export's User.csv, in part.
    static func users() -> String {
        var text = SampleCSV.quotedRow(["Id", "Username", "Name", "Email", "IsActive", "UserRoleId"])
        for (i, name) in SampleCompanies.owners.enumerated() {
            let login = name.lowercased().folding(options: .diacriticInsensitive, locale: nil).replacingOccurrences(of: " ", with: ".")
            text += SampleCSV.quotedRow(["005" + String(format: "%012d", i + 1) + "AAA", "\(login)@sample-team.example", name,
                                         "\(login)@sample-team.example", "1", ""])
        }
        return text
    }

    static func accounts(_ view: [SampleCompany?]) -> String {
        let header = ["Id", "IsDeleted", "Name", "Type", "BillingCity", "BillingCountry", "Website", "Industry", "AnnualRevenue",
                      "NumberOfEmployees", "OwnerId", "CreatedDate", "LastModifiedDate", "LastActivityDate", "Tech_Stack__c", "Last_Funding_Date__c"]
        var text = SampleCSV.quotedRow(header)
        for case let c? in view where c.crm == .salesforceOpportunity {
            text += SampleCSV.quotedRow([accountID(c), "0", c.name, c.lifecycle == .won ? "Customer" : "Prospect", "", c.country ?? "",
                                         "https://www.\(c.domain)", c.industry, c.revenue.map(String.init) ?? "", c.employees.map(String.init) ?? "",
                                         ownerID(c), SampleCSV.sfDate(c.created),
                                         SampleCSV.sfDate(c.lastActivity ?? c.created), SampleCSV.sfDate(c.lastActivity),
                                         c.tools.joined(separator: ";"), SampleCSV.day(c.fundingDate)])
        }
        return text
    }

    static func leads(_ view: [SampleCompany?], exportDate: Timestamp) -> String {
        let header = ["Id", "IsDeleted", "FirstName", "LastName", "Title", "Company", "City", "Country", "Email", "Website", "Description",
                      "LeadSource", "Status", "Industry", "AnnualRevenue", "NumberOfEmployees", "OwnerId", "IsConverted", "ConvertedDate",
                      "ConvertedAccountId", "CreatedDate", "LastModifiedDate", "LastActivityDate", "Loss_Reason__c", "Tech_Stack__c", "Last_Funding_Date__c"]
        var text = SampleCSV.quotedRow(header)
        for case let c? in view where c.crm == .salesforceLead {
            let status: String
            switch c.lifecycle {
            case .won: status = "Closed - Converted"
            case .lost: status = "Closed - Not Converted"
            case .disqualified: status = "Unqualified"
            case .open: status = c.lastActivity == nil ? "Open - Not Contacted" : "Working - Contacted"
            }
            var fields = ["00Q" + String(format: "%012d", c.index) + "AAA", "0", "Alex", "Rivera \(c.index)", c.title, c.name, "",
                          c.country ?? "", "alex.rivera\(c.index)@\(c.domain)", c.domain,
                          c.index % 7 == 0 ? "Met at SaaStr; asked about \"SSO\",\nfollow up in Q3" : "",
                          "Web", status, c.industry, c.revenue.map { "\($0)" } ?? "", c.employees.map(String.init) ?? "",
                          ownerID(c), c.lifecycle == .won ? "1" : "0", c.lifecycle == .won ? SampleCSV.sfDate(c.closed) : "",
                          c.lifecycle == .won ? "001" + String(format: "%012d", c.index) + "AAA" : emptyLookup,
                          SampleCSV.sfDate(c.created), SampleCSV.sfDate(c.closed ?? c.lastActivity ?? c.created), SampleCSV.sfDate(c.lastActivity ?? c.closed),
                          c.lostReason ?? "", c.tools.joined(separator: ";"), SampleCSV.day(c.fundingDate)]
            if c.broken { fields.removeLast(3) }
            text += SampleCSV.quotedRow(fields)
        }
        return text
    }

    static func opportunities(_ view: [SampleCompany?], exportDate: Timestamp) -> String {
        let header = ["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "Probability", "CloseDate", "Type", "LeadSource",
                      "IsClosed", "IsWon", "ForecastCategory", "OwnerId", "CreatedDate", "LastModifiedDate", "LastActivityDate", "Loss_Reason__c"]
        var text = SampleCSV.quotedRow(header)
        for case let c? in view where c.crm == .salesforceOpportunity {
            let closed = c.lifecycle != .open
            let stage = c.lifecycle == .won ? "Closed Won" : closed ? (c.index % 9 == 0 ? "Perdida" : "Closed Lost") : "Negotiation/Review"
            text += SampleCSV.quotedRow(["006" + String(format: "%012d", c.index) + "AAA", "0", accountID(c), "\(c.name) - Platform", stage,
                                         String(c.amount), closed ? (c.lifecycle == .won ? "100" : "0") : "60",
                                         SampleCSV.sfDate(c.closed ?? exportDate.adding(days: 45)), "New Business", "Partner",
                                         closed ? "1" : "0", c.lifecycle == .won ? "1" : "0", closed ? "Closed" : "Pipeline", ownerID(c),
                                         SampleCSV.sfDate(c.created), SampleCSV.sfDate(c.closed ?? c.lastActivity ?? c.created),
                                         SampleCSV.sfDate(c.lastActivity), c.lostReason ?? ""])
        }
        return text
    }
}

/// HubSpot exports with property labels.
enum HubSpotSample {
    static func companies(_ view: [SampleCompany?]) -> String {
        var text = SampleCSV.row(["Record ID", "Company name", "Company Domain Name", "Industry", "Number of Employees", "Annual Revenue",
                                  "Country/Region", "City", "Web Technologies", "Create Date", "Last Activity Date", "Lifecycle Stage", "Company owner"])
        for case let c? in view where c.crm == .hubspot {
            text += SampleCSV.row([String(5_000_000 + c.index), c.name, c.domain,
                                   c.index % 5 == 0 ? c.industry.uppercased().replacingOccurrences(of: " ", with: "_") : c.industry,
                                   c.employeesText ?? c.employees.map(String.init) ?? "", c.revenue.map(String.init) ?? "", c.country ?? "", "",
                                   c.tools.joined(separator: ";"), hubDate(c.created), hubDate(c.lastActivity),
                                   c.lifecycle == .won ? "customer" : "opportunity", c.owner])
        }
        return text
    }

    static func deals(_ view: [SampleCompany?], exportDate: Timestamp) -> String {
        var text = SampleCSV.row(["Record ID", "Deal Name", "Deal Stage", "Pipeline", "Amount", "Close Date", "Create Date", "Deal owner",
                                  "Closed Lost Reason", "Associated Company IDs", "Last Activity Date"])
        for case let c? in view where c.crm == .hubspot {
            let stage = c.lifecycle == .won ? "Closed Won" : c.lifecycle == .lost ? "Closed Lost" : "Presentation Scheduled"
            var fields = [String(9_000_000 + c.index), "\(c.name) – new business", stage, "Sales Pipeline", String(c.amount),
                          c.closed?.isoDay ?? "", hubDate(c.created), c.owner, c.lostReason ?? "", String(5_000_000 + c.index), hubDate(c.lastActivity)]
            if c.broken { fields.append("unexpected") }
            text += SampleCSV.row(fields)
        }
        return text
    }

    static func hubDate(_ t: Timestamp?) -> String {
        guard let t else { return "" }
        return String(t.isoDateTime.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}

/// A Pipedrive deals export with the organization's fields alongside.
enum PipedriveSample {
    static func deals(_ view: [SampleCompany?], exportDate: Timestamp) -> String {
        var text = SampleCSV.row(["Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Organization", "Deal - Organization ID",
                                  "Deal - Status", "Deal - Owner", "Deal - Deal created", "Deal - Lost time", "Deal - Won time", "Deal - Lost reason",
                                  "Deal - Last activity date", "Organization - Industry", "Organization - Number of employees",
                                  "Organization - Country of Address", "Organization - Website"])
        for case let c? in view where c.crm == .pipedrive {
            let status = c.lifecycle == .won ? "won" : c.lifecycle == .lost ? "lost" : "open"
            text += SampleCSV.row([String(c.index + 1), "\(c.name) deal", c.amount >= 1000 ? "\(c.amount / 1000),\(String(format: "%03d", c.amount % 1000))" : String(c.amount),
                                   "EUR", c.name, String(70_000 + c.index), status, c.owner, SampleCSV.sfDate(c.created),
                                   c.lifecycle == .lost ? SampleCSV.sfDate(c.closed) : "", c.lifecycle == .won ? SampleCSV.sfDate(c.closed) : "",
                                   c.lostReason ?? "", SampleCSV.day(c.lastActivity), c.industry, c.employees.map(String.init) ?? "",
                                   c.country ?? "", c.domain])
        }
        return text
    }
}
