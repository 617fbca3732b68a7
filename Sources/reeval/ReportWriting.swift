import Reports
import ReevalStore

/// Writes a stored run's reports for `run --report-dir`.
enum ReportWriting {
    static func write(db: Database, runID: Int, folder: String) throws -> [String] {
        try ReportWriter.write(db: db, runID: runID, folder: folder, formats: ReportFormat.allCases)
    }
}
