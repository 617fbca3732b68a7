import Foundation
import ICP
import LeadData
import ReevalStore

/// The registered ICP versions in `icp_versions`. A label is immutable: registering the same
/// file again is a no-op, and a different file under an existing label is refused.
///
/// ```swift
/// let registry = ICPRegistry(db: db)
/// let outcome = try registry.add(text: yaml, file: "icp/2025-q3.yaml", now: Date())
/// let current = ICPVersion.inForce(among: try registry.all().map(\.version), at: Timestamp(Date()))
/// ```
public struct ICPRegistry {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    /// A version as registered.
    public struct Entry: Sendable {
        public let version: ICPVersion
        public let sourceText: String
        public let sha256: String
        public let registeredAt: String
    }

    public enum AddOutcome: Sendable, Equatable {
        case added(String)
        case alreadyRegistered(String)
    }

    /// Validates and registers one file's text.
    @discardableResult
    public func add(text: String, file: String, now: Date) throws -> AddOutcome {
        let version = try ICPParser.parse(text, file: file)
        let sha = Checksum.sha256(text)
        return try db.inTransaction(.immediate) {
            if let existing = try db.rows("SELECT sha256, canonical_json FROM icp_versions WHERE label = ?", [version.label]).first {
                if existing["sha256"] == sha || existing["canonical_json"] == version.canonicalJSON {
                    return .alreadyRegistered(version.label)
                }
                throw Failure(.badData, "\(file): version \(version.label) is already registered with different content, and a registered version never changes; give this file a new label (for example version: \(version.label)-v2) and add it again")
            }
            try db.execute("""
                INSERT INTO icp_versions(label, effective, description, source_text, canonical_json, sha256, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [version.label, version.effective.isoDay, version.description, text, version.canonicalJSON, sha, ISODate.string(now)])
            return .added(version.label)
        }
    }

    /// Every registered version, oldest effective date first.
    public func all() throws -> [Entry] {
        try db.rows("SELECT label, source_text, sha256, registered_at FROM icp_versions ORDER BY effective, label").map { row in
            let label: String = row["label"] ?? ""
            let text: String = row["source_text"] ?? ""
            let version = try ICPParser.parse(text, file: "registered version \(label)")
            return Entry(version: version, sourceText: text, sha256: row["sha256"] ?? "", registeredAt: row["registered_at"] ?? "")
        }
    }

    /// The registered version with this label.
    public func entry(_ label: String) throws -> Entry {
        let entries = try all()
        guard let entry = entries.first(where: { $0.version.label == label }) else {
            let known = entries.map(\.version.label)
            throw Failure(.badData, "no ICP version \(label) is registered" + (known.isEmpty ? "; add one with `reeval icp add FILE`" : "; registered: \(known.joined(separator: ", "))"))
        }
        return entry
    }
}
