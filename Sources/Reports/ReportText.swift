import Foundation
import LeadData

/// Words and numbers shared by the renderers.
enum ReportText {
    /// How a lead was dropped, as the "dismissed" column heads its date: an open lead was not
    /// dropped by anyone, it went quiet, so it reads "dormant since".
    static func dismissal(_ lifecycle: String) -> String {
        lifecycle == "open" ? "dormant since" : lifecycle
    }

    static func reasonTitle(_ kind: String) -> String {
        switch kind {
        case "icp_change": return "The ICP changed"
        case "data_change": return "The company changed"
        case "trigger": return "A buying trigger fired"
        case "lost_reason_resolved": return "The product gap was closed"
        default: return kind
        }
    }

    /// The first sentence of the "Left out" section.
    static func leftOutIntro(_ r: RunReport) -> String {
        r.excluded.isEmpty ? "Nothing: every dismissed lead was judged."
            : "These dismissed leads were not judged (fill in their dates in the CRM, or widen `--since`):"
    }
}
