import ICP
import LeadData

/// ICP text and leads for scorer tests.
enum ICPFixtures {
    static func version(_ rules: String, extra: String = "") throws -> ICPVersion {
        try ICPParser.parse("""
            version: test
            effective: 2025-07-01
            tiers: {A: 80, B: 60, C: 40}
            revive_at: B
            \(rules)
            \(extra)
            """, file: "test.yaml")
    }

    /// A version with one criterion worth 10 points.
    static func single(_ field: String, _ op: String) throws -> ICPVersion {
        try version("""
            criteria:
              - id: rule
                field: \(field)
                \(op)
                points: 10
            """)
    }

    static let asOf = Timestamp(year: 2026, month: 11, day: 22)

    static func lead(_ build: (inout LeadRecord) -> Void) -> LeadRecord {
        var r = LeadRecord(crmID: "L1", lifecycle: .lost)
        build(&r)
        return r
    }
}
