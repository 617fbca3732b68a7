import Foundation
import LeadData
import ReevalStore
import Testing

@Suite("Database: binding and reading values")
struct DatabaseTests {
    @Test("every SQLite storage class round-trips, NULL, blobs and 64-bit integers included")
    func roundTripsEveryType() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(v)")
        let values: [DatabaseValue] = [
            .null, .integer(Int64.max), .integer(Int64.min), .integer(0), .real(-1.5e300), .real(0.1),
            .text(""), .text("Zürich ✓ 🚀 \"quoted\"\nline"), .blob([]), .blob([0, 255, 0, 1]),
        ]
        let insert = try db.prepare("INSERT INTO t(v) VALUES (?)")
        for value in values { try insert.execute([value]) }
        let read = try db.rows("SELECT v FROM t ORDER BY rowid").map { $0[0] }
        #expect(read == values)
    }

    @Test("stored values copied off a row decode to exactly what the row's columns read, every type included")
    func storedValuesRoundTrip() throws {
        let db = try Database(path: ":memory:")
        let values: [DatabaseValue] = [
            .null, .integer(Int64.max), .integer(Int64.min), .real(-1.5e300), .real(0.1),
            .text(""), .text("Zürich ✓ 🚀 \"quoted\"\nline"), .text(String(repeating: "x", count: 70_000)), .blob([]), .blob([0, 255, 0, 1]),
        ]
        let select = try db.prepare("SELECT 'before', " + Array(repeating: "?", count: values.count).joined(separator: ", "))
        try select.bind(values)
        #expect(try select.step())
        let stored = StoredValues(from: select, at: 1, count: values.count)
        #expect(stored.values == (1...values.count).map { select.column($0) })
        #expect(stored.values == values)
        #expect(StoredValues(from: select, at: 1, count: 0).values.isEmpty)
    }

    @Test("a column compared in place equals exactly the value read from it, type included")
    func columnEqualsInPlace() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(v)")
        let values: [DatabaseValue] = [.null, .integer(3), .real(3), .real(0.1), .text(""), .text("2024-03-05T14:02:11Z"), .text("Zürich"), .blob([1, 2])]
        let insert = try db.prepare("INSERT INTO t(v) VALUES (?)")
        for value in values { try insert.execute([value]) }
        let read = try db.prepare("SELECT v FROM t ORDER BY rowid")
        var row = 0
        while try read.step() {
            for (i, value) in values.enumerated() {
                #expect(read.column(0, equals: value) == (i == row), "row \(row) against \(value)")
            }
            row += 1
        }
        #expect(row == values.count)
    }

    @Test("a stored date is read in place as the parser reads its text; NULL, numbers and other text are no date")
    func timestampInPlace() throws {
        let db = try Database(path: ":memory:")
        let read = try db.prepare("SELECT '2024-03-05T14:02:11Z', '2024-03-05', '5 March 2024', NULL, 20240305, 'soon'")
        #expect(try read.step())
        let parser = DateParser(order: .yearMonthDay)
        #expect(read.timestamp(at: 0) == parser.parse("2024-03-05T14:02:11Z"))
        #expect(read.timestamp(at: 0)?.iso == "2024-03-05T14:02:11Z")
        #expect(read.timestamp(at: 1) == parser.parse("2024-03-05"))
        #expect(read.timestamp(at: 2) == parser.parse("5 March 2024"))
        #expect(read.timestamp(at: 2) != nil)
        for i in 3...5 { #expect(read.timestamp(at: i) == nil) }
    }

    @Test("a database that cannot be written says so in words, naming the file, not as a raw SQLite code")
    func readOnlyDatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("r.sqlite")
        try Database(path: path).execute("CREATE TABLE t(v)")
        let db = try Database(path: path, mode: .readOnly)
        let error = try #require(throws: DatabaseError.self) { try db.execute("INSERT INTO t VALUES (1)") }
        #expect(error.kind == .cannotCreate)
        #expect(error.message.hasPrefix("the database \(path) cannot be written: it, or the folder it is in, is read-only for this user"))
        #expect(!error.message.contains("SQLite error"))
    }

    @Test("typed binding and byte reading keep text and blobs exact, empty ones included")
    func typedBindingAndBytes() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(b, j)")
        let insert = try db.prepare("INSERT INTO t(b, j) VALUES (?, ?)")
        for (blob, json) in [([UInt8]([0, 255, 0, 1]), #"{"company":"Zürich AG ✓"}"#), ([], "")] {
            insert.clearBindings()
            try insert.bind(blob: blob, at: 1)
            try insert.bind(utf8: Array(json.utf8), at: 2)
            try insert.run()
        }
        #expect(try db.rows("SELECT typeof(b), typeof(j), length(j) FROM t ORDER BY rowid").map { "\($0[0].string!) \($0[1].string!) \($0[2].int!)" }
                == ["blob text 25", "blob text 0"])
        let select = try db.prepare("SELECT b, j FROM t ORDER BY rowid")
        #expect(try select.step())
        #expect(select.bytes(at: 0) == [0, 255, 0, 1])
        #expect(String(decoding: select.bytes(at: 1), as: UTF8.self) == #"{"company":"Zürich AG ✓"}"#)
        #expect(try select.step())
        #expect(select.bytes(at: 0).isEmpty && select.bytes(at: 1).isEmpty)
    }

    @Test("named parameters bind by :name, @name and $name")
    func bindsByName() throws {
        let db = try Database(path: ":memory:")
        let statement = try db.prepare("SELECT :a + @b, $c")
        try statement.bind([":a": 2, "@b": 40, "$c": "acme"])
        #expect(try statement.step())
        #expect(statement.column(0) == .integer(42))
        #expect(statement.column(1) == .text("acme"))
    }

    @Test("an unknown parameter name fails with the SQL in the message")
    func unknownParameterFails() throws {
        let db = try Database(path: ":memory:")
        let statement = try db.prepare("SELECT :known")
        #expect(throws: DatabaseError.self) { try statement.bind(1, named: ":unknown") }
    }

    @Test("a failing statement reports SQLite's extended code, message and SQL")
    func errorsCarryCodeMessageAndSQL() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE leads(crm_id TEXT NOT NULL)")
        let error = try #require(throws: DatabaseError.self) {
            try db.execute("INSERT INTO leads(crm_id) VALUES (NULL)")
        }
        #expect(error.extendedCode == 1299) // SQLITE_CONSTRAINT_NOTNULL
        #expect(error.message.contains("NOT NULL constraint failed: leads.crm_id"))
        #expect(error.message.contains("INSERT INTO leads(crm_id) VALUES (NULL)"))
    }

    @Test("prepare takes exactly one statement; a trailing semicolon is fine")
    func prepareOneStatement() throws {
        let db = try Database(path: ":memory:")
        for _ in 0..<200 { _ = try db.prepare("SELECT 1;  ") }
        #expect(throws: DatabaseError.self) { _ = try db.prepare("SELECT 1; SELECT 2") }
    }

    @Test("a cached statement is compiled once per SQL text, comes back with no bindings, and sees a table recreated with other columns")
    func cachesStatementsBySQL() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(a, b)")
        let insert = try db.cachedStatement("INSERT INTO t(a, b) VALUES (?, ?)")
        try insert.bind(1, at: 1)
        try insert.bind(2, at: 2)
        let again = try db.cachedStatement("INSERT INTO t(a, b) VALUES (?, ?)")
        #expect(again === insert)
        try again.run()
        #expect(try db.rows("SELECT a, b FROM t").map { [$0[0], $0[1]] } == [[.null, .null]])
        #expect(try db.rows("SELECT * FROM t").map { $0.columns } == [["a", "b"]])
        try db.execute(script: "DROP TABLE t; CREATE TABLE t(b, c, a); INSERT INTO t(a, b, c) VALUES (1, 2, 3)")
        #expect(try db.rows("SELECT * FROM t").map { $0.columns } == [["b", "c", "a"]])
        #expect(try db.scalar("SELECT count(*) FROM t")?.int == 1)
    }

    @Test("Optional, Bool and Double values bind as NULL, 0/1 and REAL")
    func bindsSwiftTypes() throws {
        let db = try Database(path: ":memory:")
        let none: String? = nil
        let row = try #require(try db.rows("SELECT ?, ?, ?, typeof(?)", [none, true, 2.5, 2.5]).first)
        #expect(row[0] == .null)
        #expect(row[1] == .integer(1))
        #expect(row[2] == .real(2.5))
        #expect(row[3] == .text("real"))
    }

    @Test("a new database file is readable by its owner only")
    func newFileIsOwnerOnly() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("crm.sqlite")
        _ = try Database.openMigrated(path: path, now: Date(timeIntervalSince1970: 0))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("a file that is not a database is refused as bad data naming the file")
    func refusesNonDatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("notes.sqlite")
        try Data("this is a CSV, not a database\n".utf8 + Data(repeating: 65, count: 4096)).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: DatabaseError.self) { _ = try Database(path: path) }
        #expect(error.kind == .badData)
        #expect(error.message.contains(path))
    }

    @Test("WAL journal and foreign keys are on")
    func defaults() throws {
        let folder = try TemporaryFolder()
        let db = try Database(path: folder.path("d.sqlite"))
        #expect(try db.scalar("PRAGMA journal_mode")?.string == "wal")
        #expect(try db.scalar("PRAGMA foreign_keys")?.int == 1)
    }
}
