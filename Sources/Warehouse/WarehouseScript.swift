import ICP
import LeadData

/// `reeval sql`: the ICP versions and the re-evaluation as one SQL script for one dialect, over a
/// relation `reeval_states` shaped like the view `lead_snapshots` (DESIGN.md, "In the
/// warehouse"). It builds, in order: `reeval_parameters` (one row: as_of, since, dormant_after;
/// a scheduler may replace it and run the rest), `reeval_icp_versions`, `reeval_country_names`
/// (when a rule reads the country), `reeval_state_order`, `reeval_candidates`,
/// `reeval_requests`, `reeval_evaluations`, `reeval_scores`, `reeval_judgements` and
/// `reeval_revived`. What a dialect cannot express is refused by name (`Failure`, exit 65).
///
/// ```swift
/// let script = try WarehouseScript(versions: registered, dialect: .duckdb,
///                                  parameters: .init(asOf: Timestamp(year: 2026, month: 12, day: 1)))
/// print(script.text)
/// ```
public struct WarehouseScript: Sendable {
    public struct Parameters: Sendable {
        public var asOf: Timestamp
        public var since: Timestamp?
        public var dormantAfterDays: Int

        public init(asOf: Timestamp, since: Timestamp? = nil, dormantAfterDays: Int = 90) {
            self.asOf = asOf
            self.since = since
            self.dormantAfterDays = dormantAfterDays
        }
    }

    public let text: String

    public init(versions: [ICPVersion], dialect: SQLDialect, parameters: Parameters) throws {
        guard !versions.isEmpty else {
            throw Failure(.badData, "reeval sql: no ICP version to compile; add one with `reeval icp add FILE`, or pass --icp FILE")
        }
        var labels = Set<String>()
        for version in versions where !labels.insert(version.label).inserted {
            throw Failure(.badData, "reeval sql: two of the ICPs given are labelled \(version.label); pass each version once")
        }
        let columns = try RuleColumns(versions)
        let keys = StateKeys(versions)
        let scoring = ScoringSQL(dialect: dialect, columns: columns, keys: keys)
        let revival = RevivalSQL(dialect: dialect, versions: versions, columns: columns)
        let readsCountry = versions.contains { v in (v.criteria + v.triggers + v.disqualifiers).contains { $0.field == .canonical(.country) } }

        var script = Self.header(versions, dialect, parameters)
        script += dialect.create("reeval_parameters", as: Self.parameters(parameters, dialect)) + "\n"
        script += dialect.create("reeval_icp_versions", as: Self.versionRows(versions, dialect)) + "\n"
        if readsCountry {
            let rows = Country.names.map { [dialect.string($0.name), dialect.string($0.code)] }
            script += dialect.create("reeval_country_names", as: Self.values(rows, columns: ["name", "code"], dialect)) + "\n"
        }
        script += dialect.create("reeval_state_keys", as: keys.stateKeys(dialect)) + dialect.index("reeval_state_keys") + "\n"
        if let items = keys.listItems(dialect) {
            script += dialect.create("reeval_list_items", as: items) + dialect.index("reeval_list_items") + "\n"
        }
        script += dialect.create("reeval_state_order", as: revival.stateOrder)
            + dialect.index("reeval_state_order", on: ["lead_id", "pos"], named: "by_position") + "\n"
        script += dialect.create("reeval_candidates", as: revival.candidates) + dialect.index("reeval_candidates", on: ["lead_id"], named: "by_lead") + "\n"
        script += dialect.create("reeval_requests", as: revival.requests) + "\n"
        script += dialect.create("reeval_evaluations", as: try scoring.select(versions))
            + dialect.index("reeval_evaluations", on: ["purpose", "lead_id"], named: "by_purpose") + "\n"
        let ruleColumns = columns.ids.flatMap { [dialect.quote($0.id + "_points"), dialect.quote($0.id + "_verdict")] }
        script += dialect.create("reeval_scores", as: """
            SELECT lead_id, state_id, icp, score, tier\(ruleColumns.map { ", " + $0 }.joined())
            FROM reeval_evaluations WHERE purpose = 'state'
            """) + "\n"
        script += dialect.create("reeval_judgements", as: try revival.judgements()) + "\n"
        script += dialect.create("reeval_revived", as: revival.revived)
        text = script
    }

    private static func header(_ versions: [ICPVersion], _ dialect: SQLDialect, _ p: Parameters) -> String {
        """
        -- reeval sql --dialect \(dialect.rawValue): the ICP versions \(versions.map(\.label).joined(separator: ", ")) and the re-evaluation
        -- as of \(p.asOf.isoDay)\(p.since.map { ", since \($0.isoDay)" } ?? ""), dormant after \(p.dormantAfterDays) days.
        -- Reads reeval_states (the columns and types of reeval's view lead_snapshots: one row per state of each lead;
        -- dates as ISO 8601 text, technologies and attributes as JSON text). Replace reeval_parameters to run it for another day.

        """
    }

    private static func parameters(_ p: Parameters, _ dialect: SQLDialect) -> String {
        let since = p.since.map { dialect.dayLiteral($0.isoDay) } ?? dialect.null(dialect == .sqlite ? dialect.textType : "DATE")
        return "SELECT \(dialect.dayLiteral(p.asOf.isoDay)) AS as_of, \(since) AS since, \(p.dormantAfterDays) AS dormant_after"
    }

    private static func versionRows(_ versions: [ICPVersion], _ dialect: SQLDialect) -> String {
        let rows = versions.map { v in
            [dialect.string(v.label), dialect.dayLiteral(v.effective.isoDay), dialect.string(v.reviveAt), dialect.double(v.maxScore)]
        }
        return values(rows, columns: ["icp", "effective", "revive_at", "max_score"], dialect)
    }

    /// Literal rows as a SELECT with named columns, in the dialect's form of an inline table.
    static func values(_ rows: [[String]], columns: [String], _ dialect: SQLDialect) -> String {
        let tuples = rows.map { "(" + $0.joined(separator: ", ") + ")" }.joined(separator: ",\n       ")
        let names = columns.joined(separator: ", ")
        switch dialect {
        case .sqlite, .snowflake:
            let picked = columns.enumerated().map { "column\($0.offset + 1) AS \($0.element)" }.joined(separator: ", ")
            return dialect == .sqlite ? "SELECT \(picked) FROM (VALUES \(tuples))" : "SELECT \(picked) FROM VALUES \(tuples)"
        case .postgres, .duckdb:
            return "SELECT * FROM (VALUES \(tuples)) AS v(\(names))"
        case .spark:
            return "SELECT * FROM VALUES \(tuples) AS v(\(names))"
        case .bigquery:
            let structs = rows.map { row in "STRUCT(" + zip(row, columns).map { "\($0) AS \($1)" }.joined(separator: ", ") + ")" }
            return "SELECT * FROM UNNEST([\(structs.joined(separator: ",\n       "))])"
        }
    }

    /// SQLite's `lower()` folds ASCII letters only: a comparison key with other letters could not
    /// be matched ignoring case as reeval matches it, so it is refused there.
    static func checkASCII(_ keys: [String], in what: String, dialect: SQLDialect) throws {
        guard dialect == .sqlite, let key = keys.first(where: { $0.unicodeScalars.contains { $0.value >= 0x80 } }) else { return }
        throw Failure(.badData, "reeval sql --dialect sqlite: \(what) compares '\(key)', and SQLite's lower() folds ASCII letters only, so it cannot match it ignoring case as reeval does; compile it for postgres, duckdb or spark")
    }
}
