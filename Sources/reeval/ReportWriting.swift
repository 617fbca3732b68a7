import ReevalStore

/// Writes a stored run's reports; filled in by the Reports stage.
enum ReportWriting {
    static let allFormats = ["md", "html", "csv", "json"]

    static func write(db: Database, runID: Int, folder: String, formats: [String]) throws {
        try notYetAvailable("run --report-dir")
    }
}
