/// What writes an import's records: `RecordWriter` for leads and accounts, `OwnerWriter` for a
/// CRM's users. The importer reads, rejects and counts the same way whichever it is.
protocol RowWriter {
    /// Writes one record read from `line`.
    func write(_ prepared: PreparedRecord, line: Int) throws -> RecordWriter.Outcome
    /// Whatever follows the last record (linking and filling leads from changed accounts).
    func finish() throws
    /// Lead states written.
    var states: Int { get }
}
