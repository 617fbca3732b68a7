import ArgumentParser
import Foundation
import ReevalStore

extension Reeval {
    /// `reeval init`: create or migrate the database.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the database, or bring an existing one up to this version's schema.")

        @ParentCommand var root: Reeval

        func run() throws {
            let global = root.global
            do {
                let db = try Database(path: global.databasePath)
                let applied = try Migrator().migrate(db, now: Date())
                if global.json {
                    Console.json(["database": global.databasePath, "applied": applied])
                } else if !global.quiet {
                    Console.out(applied.isEmpty
                        ? "\(global.databasePath): up to date (\(Migration.builtIn.count) migrations)"
                        : "\(global.databasePath): applied \(applied.joined(separator: ", "))")
                }
            }
        }
    }
}
