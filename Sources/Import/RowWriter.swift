/// What writes an import's records: `RecordWriter` for leads and accounts, `OwnerWriter` for a
/// CRM's users. The importer reads, rejects and counts the same way whichever it is.
protocol RowWriter {
    /// Whether rows may arrive unread (`ImportItem.unread`), to be skipped when unchanged; when
    /// false every row is normalised before it reaches the writer.
    var skipsUnchangedRows: Bool { get }
    /// For a row not normalised yet: `.unchanged` when the stored record was read from the same
    /// row (`lineHash`), `.duplicate` when this import already had the id; nil when the row must
    /// be normalised and written.
    func skipIfUnchanged(crmID: String, lineHash: Int64, line: Int) throws -> RecordWriter.Outcome?
    /// Writes one record read from `line`.
    func write(_ prepared: PreparedRecord, lineHash: Int64, line: Int) throws -> RecordWriter.Outcome
    /// Whatever follows the last record (linking and filling leads from changed accounts).
    func finish() throws
    /// Lead states written.
    var states: Int { get }
}
