import LeadData
import ReevalStore
import Testing

@Suite("Transactions and savepoints")
struct TransactionTests {
    private func database() throws -> Database {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(v INTEGER NOT NULL)")
        return db
    }

    private func values(_ db: Database) throws -> [Int] {
        try db.rows("SELECT v FROM t ORDER BY v").compactMap { $0[0].int }
    }

    @Test("a statement that fails inside a transaction rolls the whole transaction back")
    func failureRollsBack() throws {
        let db = try database()
        #expect(throws: DatabaseError.self) {
            try db.inTransaction(.immediate) {
                try db.execute("INSERT INTO t VALUES (1)")
                try db.execute("INSERT INTO t VALUES (NULL)")
            }
        }
        #expect(try values(db).isEmpty)
        #expect(!db.isInTransaction)
    }

    @Test("a committed transaction keeps its rows")
    func commitKeeps() throws {
        let db = try database()
        try db.inTransaction(.deferred) { try db.execute("INSERT INTO t VALUES (1)") }
        #expect(try values(db) == [1])
    }

    @Test("nested savepoints undo only their own part")
    func nestedSavepoints() throws {
        let db = try database()
        try db.inTransaction {
            try db.execute("INSERT INTO t VALUES (1)")
            try db.inSavepoint("outer") {
                try db.execute("INSERT INTO t VALUES (2)")
                try? db.inSavepoint("inner") {
                    try db.execute("INSERT INTO t VALUES (3)")
                    throw Failure(.badData, "row 3 is bad")
                }
                try db.execute("INSERT INTO t VALUES (4)")
            }
            try? db.inSavepoint("discarded") {
                try db.execute("INSERT INTO t VALUES (5)")
                try db.inSavepoint("deeper") { try db.execute("INSERT INTO t VALUES (6)") }
                throw Failure(.badData, "5 and 6 go together")
            }
        }
        #expect(try values(db) == [1, 2, 4])
    }

    @Test("a transaction commits or rolls back by its body's return value, alone and nested in another")
    func completionByReturnValue() throws {
        let db = try database()
        try db.transaction { try db.execute("INSERT INTO t VALUES (1)"); return .commit }
        try db.transaction { try db.execute("INSERT INTO t VALUES (2)"); return .rollback }
        #expect(try values(db) == [1])
        try db.inTransaction {
            try db.execute("INSERT INTO t VALUES (3)")
            try db.transaction { try db.execute("INSERT INTO t VALUES (4)"); return .rollback }
            try db.transaction { try db.execute("INSERT INTO t VALUES (5)"); return .commit }
        }
        #expect(try values(db) == [1, 3, 5])
        #expect(!db.isInTransaction)
    }
}
