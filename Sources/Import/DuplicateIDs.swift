/// The key an import remembers each CRM id by, to find an id the file repeats: a 64-bit FNV-1a
/// hash, so a file of a million ids takes about 20 MB, not the ids themselves. A hash seen twice
/// is only a candidate: the writer confirms in the database that the id was written by this import.
enum DuplicateIDs {
    static func key(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
