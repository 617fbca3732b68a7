import Foundation

/// The write-back files: revived leads' CRM ids with their new ICP tier, score, reasons and
/// run date, under the column names each CRM's importer accepts, one file per CRM and object.
///
/// - Salesforce Data Loader (update): `Id` and custom fields `ICP_Tier__c`, `ICP_Score__c`,
///   `ICP_Revival_Reason__c`, `ICP_Revived_On__c` (create them on the object first).
/// - HubSpot import: `Record ID` and the properties `icp_tier`, `icp_score`,
///   `icp_revival_reason`, `icp_revived_on`.
/// - Pipedrive and other CRMs: `ID`, `ICP tier`, `ICP score`, `ICP revival reason`, `ICP revived on`.
public enum WriteBackCSV {
    /// File name → contents: `revived.csv` with every revived lead, and one per CRM and object.
    public static func render(_ r: RunReport) -> [(name: String, text: String)] {
        let date = String(r.asOf.prefix(10))
        var files: [(String, String)] = []
        var all = ["source", "object", "crm_id", "company", "icp_tier", "icp_score", "icp_revival_reason", "icp_revived_on", "rank"]
            .map(Escaping.csv).joined(separator: ",") + "\r\n"
        for lead in r.leads {
            all += [lead.source, lead.object, lead.crmID, lead.company ?? "", lead.tier, ReportText.number(lead.score),
                    reasonLine(lead), date, String(lead.rank)].map(Escaping.csv).joined(separator: ",") + "\r\n"
        }
        files.append(("revived.csv", all))
        var groups: [String: [RunReport.Lead]] = [:]
        for lead in r.leads { groups["\(lead.source)\u{0}\(lead.object)", default: []].append(lead) }
        for key in groups.keys.sorted() {
            let leads = groups[key]!
            let source = leads[0].source, object = leads[0].object
            let header: [String]
            switch source {
            case "salesforce": header = ["Id", "ICP_Tier__c", "ICP_Score__c", "ICP_Revival_Reason__c", "ICP_Revived_On__c"]
            case "hubspot": header = ["Record ID", "icp_tier", "icp_score", "icp_revival_reason", "icp_revived_on"]
            default: header = ["ID", "ICP tier", "ICP score", "ICP revival reason", "ICP revived on"]
            }
            var text = header.map(Escaping.csv).joined(separator: ",") + "\r\n"
            for lead in leads {
                text += [lead.crmID, lead.tier, ReportText.number(lead.score), reasonLine(lead), date].map(Escaping.csv).joined(separator: ",") + "\r\n"
            }
            files.append(("revived-\(fileSafe(source))-\(fileSafe(object)).csv", text))
        }
        return files
    }

    static func reasonLine(_ lead: RunReport.Lead) -> String {
        lead.reasons.map(\.detail).joined(separator: "; ")
    }

    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
