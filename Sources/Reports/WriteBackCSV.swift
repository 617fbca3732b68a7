import Foundation
import LeadData

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
    public static func render(_ r: RunReport) -> [(name: String, bytes: [UInt8])] {
        let date = String(r.asOf.prefix(10))
        var files: [(String, [UInt8])] = []
        var all = ReportBuffer(capacity: 150 * r.leads.count + 256)
        row(["source", "object", "crm_id", "company", "icp_tier", "icp_score", "icp_revival_reason", "icp_revived_on", "rank"], to: &all)
        for lead in r.leads {
            all.appendCSV(lead.source); all.append(",")
            all.appendCSV(lead.object); all.append(",")
            all.appendCSV(lead.crmID); all.append(",")
            all.appendCSV(lead.company ?? ""); all.append(",")
            all.appendCSV(lead.tier); all.append(",")
            all.appendCSV(Figures.score(lead.score)); all.append(",")
            all.appendCSV(reasonLine(lead)); all.append(",")
            all.appendCSV(date); all.append(",")
            all.appendCSV(String(lead.rank)); all.append("\r\n")
        }
        files.append(("revived.csv", all.bytes))
        var groups: [String: [Int]] = [:]
        for (i, lead) in r.leads.enumerated() { groups[lead.source + "\u{0}" + lead.object, default: []].append(i) }
        for key in groups.keys.sorted() {
            let leads = groups[key]!.map { r.leads[$0] }
            let source = leads[0].source, object = leads[0].object
            let header: [String]
            switch source {
            case "salesforce": header = ["Id", "ICP_Tier__c", "ICP_Score__c", "ICP_Revival_Reason__c", "ICP_Revived_On__c"]
            case "hubspot": header = ["Record ID", "icp_tier", "icp_score", "icp_revival_reason", "icp_revived_on"]
            default: header = ["ID", "ICP tier", "ICP score", "ICP revival reason", "ICP revived on"]
            }
            var text = ReportBuffer(capacity: 100 * leads.count + 256)
            row(header, to: &text)
            for lead in leads {
                text.appendCSV(lead.crmID); text.append(",")
                text.appendCSV(lead.tier); text.append(",")
                text.appendCSV(Figures.score(lead.score)); text.append(",")
                text.appendCSV(reasonLine(lead)); text.append(",")
                text.appendCSV(date); text.append("\r\n")
            }
            files.append(("revived-\(fileSafe(source))-\(fileSafe(object)).csv", text.bytes))
        }
        return files
    }

    /// One CRLF-terminated row of quoted, formula-neutralised cells.
    private static func row(_ cells: [String], to out: inout ReportBuffer) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(",") }
            out.appendCSV(cell)
        }
        out.append("\r\n")
    }

    static func reasonLine(_ lead: RunReport.Lead) -> String {
        lead.reasons.map(\.detail).joined(separator: "; ")
    }

    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
