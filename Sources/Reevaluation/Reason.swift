import Foundation
import LeadData

/// Why a lead's score changed between its baseline and now: one criterion, trigger,
/// disqualifier or lost reason, with the points before and after and the values.
public struct Reason: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// The ICP changed: baseline data, baseline ICP → current ICP.
        case icpChange = "icp_change"
        /// The company changed: current ICP, baseline data → current data.
        case dataChange = "data_change"
        /// A buying signal fired (or lapsed).
        case trigger
        /// The product gap behind the loss was closed.
        case lostReasonResolved = "lost_reason_resolved"
    }

    public var kind: Kind
    /// The criterion, trigger or disqualifier id (for a resolved lost reason, `lost_reason`).
    public var id: String
    public var field: String?
    public var pointsBefore: Double
    public var pointsAfter: Double
    public var valueBefore: String?
    public var valueAfter: String?
    /// One readable line: "employees 40 → 250: size +25".
    public var detail: String

    public var delta: Double { pointsAfter - pointsBefore }
}
