import CRMImport
import Foundation
import ICP
import ICPRegistry
import LeadData
import ReevalStore

/// The re-evaluation run: import the inbox, read the candidates in one pass, judge each in
/// memory, and store the run, its scores and its revived leads in one transaction that lands
/// whole or not at all.
///
/// ```swift
/// var options = RunOptions(asOf: Timestamp(Date()), clock: { Date() })
/// options.since = DateParser().parse("2023-01")
/// let summary = try Reevaluation(db: db).run(options)
/// ```
public struct Reevaluation {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    public func run(_ options: RunOptions) throws -> RunSummary {
        let started = options.clock()
        do {
            var result: RunSummary?
            // A dry run or preview rolls back after everything was evaluated.
            try db.transaction(.immediate) {
                var summary = try runInTransaction(options, started: started)
                if options.storesNothing { summary.runID = nil }
                result = summary
                return options.storesNothing ? .rollback : .commit
            }
            guard let result else { throw Failure(.bug, "the run returned no summary") }
            return result
        } catch let failure as UserFacingError where failure.kind != .busy && !options.storesNothing {
            // Everything the run wrote is rolled back; a failed row says what happened.
            try? db.execute("""
                INSERT INTO runs(status, as_of, since, icp_version, dormant_after, started_at, finished_at, error)
                VALUES ('failed', ?, ?, ?, ?, ?, ?, ?)
                """, [options.asOf.iso, options.since?.isoDay, options.icpLabel ?? "", options.dormantAfterDays,
                      ISODate.string(started), ISODate.string(options.clock()), failure.message])
            throw failure
        }
    }

    private func runInTransaction(_ options: RunOptions, started: Date) throws -> RunSummary {
        var inboxImports: [String] = []
        if let inbox = options.inbox { inboxImports = try importInbox(inbox, now: started) }

        let versions = try ICPRegistry(db: db).all().map(\.version)
        let current = try currentVersion(options, among: versions)
        let judge = Judge(versions: versions, current: current)

        var summary = RunSummary(asOf: options.asOf, since: options.since, icpVersion: current.label)
        summary.preview = options.previewICP != nil
        summary.dryRun = options.dryRun
        summary.inboxImports = inboxImports

        try db.execute("""
            INSERT INTO runs(status, as_of, since, icp_version, dormant_after, started_at) VALUES ('running', ?, ?, ?, ?, ?)
            """, [options.asOf.iso, options.since?.isoDay, current.label, options.dormantAfterDays, ISODate.string(started)])
        let runID = db.lastInsertedRowID
        summary.runID = Int(runID)

        let (revived, totals) = try judgeCandidates(judge, options, runID: runID, summary: &summary)
        summary.baselineVersions = totals.baselineVersions.sorted()
        let unknown = totals.unknown(ruleIDs: judge.currentRuleIDs)
        let enrichByField = totals.enrichByField

        try storeRevived(revived.sorted(by: Revival.ranksBefore), runID: runID, options, summary: &summary)
        if !options.storesNothing { try storeEnrichment(totals, runID: runID) }
        summary.enrich = enrichByField
        summary.seconds = options.clock().timeIntervalSince(started)
        try db.execute("""
            UPDATE runs SET status = 'completed', finished_at = ?, candidates = ?, evaluated = ?, revived = ?, new_revived = ?,
                            by_reason = ?, excluded = ?, unknown_by_criterion = ?, enrich = ?, seconds = ? WHERE id = ?
            """, [ISODate.string(options.clock()), summary.candidates, summary.evaluated, summary.revived, summary.newRevived,
                  JSONText.counts(summary.byReason), JSONText.counts(summary.excluded), JSONText.counts(unknown), JSONText.counts(enrichByField), summary.seconds, runID])
        try db.execute(Self.recordUnreadable, [runID])
        // The score history of runs older than the kept ones. Runs that did not complete stored
        // none, so a range below the oldest kept run says the same as `NOT IN (kept)`.
        if !options.storesNothing, let oldestKept = try db.scalar("""
            SELECT min(id) FROM (SELECT id FROM runs WHERE status = 'completed' ORDER BY id DESC LIMIT ?)
            """, [max(options.keepRuns, 1)])?.int64 {
            try ScoreHistory.trim(before: oldestKept, in: db)
        }
        return summary
    }

    /// The ICP the run judges by now: a previewed file, the `--icp` label, else the version in force.
    private func currentVersion(_ options: RunOptions, among versions: [ICPVersion]) throws -> ICPVersion {
        if let preview = options.previewICP { return preview }
        if let label = options.icpLabel {
            // `entry` is only asked for its message when the label is not registered.
            return try versions.first { $0.label == label } ?? ICPRegistry(db: db).entry(label).version
        }
        if let inForce = ICPVersion.inForce(among: versions, at: options.asOf) { return inForce }
        throw Failure(.badData, "no ICP version is registered; add one with `reeval icp add FILE` (see examples/icp/)")
    }

    /// Reads every candidate, judges them in batches on every core, and stores their scores;
    /// returns the revived and what the run counts over all candidates.
    private func judgeCandidates(_ judge: Judge, _ options: RunOptions, runID: Int64,
                                 summary: inout RunSummary) throws -> (revived: [Revival], totals: RunCounts) {
        let reader = CandidateReader(db: db)
        // A dry run or a preview stores nothing: no score is written.
        var scores = options.storesNothing ? nil : try ScoreHistory(db: db, runID: runID)
        // What the run counts over all candidates, added up batch by batch (the batches' results
        // are written and let go).
        var totals = RunCounts(rules: judge.currentRuleIDs.count)
        var revived: [Revival] = []
        func store(_ judged: JudgedBatch) throws {
            for piece in judged.pieces {
                summary.evaluated += piece.count
                for item in piece {
                    try scores?.write(item)
                    if let revival = item.revival { revived.append(revival) }
                }
            }
            totals.add(judged.counts)
        }
        // Candidates are judged in batches on every core while this thread reads and writes.
        let pipeline = JudgingPipeline(judge: judge, asOf: options.asOf)
        var batch: [Candidate] = []
        summary.excluded = try reader.forEach(asOf: options.asOf, since: options.since, dormantAfterDays: options.dormantAfterDays,
                           columns: LeadColumns.lead(storing: judge.fieldsRead)) { candidate in
            summary.candidates += 1
            batch.append(candidate)
            if batch.count == 1_000 {
                try store(pipeline.submit(batch))
                batch.removeAll(keepingCapacity: true)
            }
        }
        try store(pipeline.submit(batch))
        try store(pipeline.finish())
        try scores?.finish()
        return (revived, totals)
    }

    /// Writes the revived leads in rank order, with their reasons (a dry run keeps them in the
    /// summary instead), and counts them.
    private func storeRevived(_ revived: [Revival], runID: Int64, _ options: RunOptions, summary: inout RunSummary) throws {
        let previous = try previousRevived(before: options.asOf)
        let insertRevived = try db.cachedStatement("""
            INSERT INTO revived_opportunities(run_id, lead_id, rank, baseline_icp, baseline_score, baseline_tier, current_icp,
                                              score, tier, delta, is_new)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertReason = try db.cachedStatement("""
            INSERT INTO revival_reasons(run_id, lead_id, seq, kind, id, field, points_before, points_after, value_before, value_after, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, item) in revived.enumerated() {
            let isNew = !previous.contains(item.leadID)
            if !options.storesNothing {
                try insertRevived.execute([runID, item.leadID, index + 1, item.baseline.icp, item.baseline.score, item.baseline.tier,
                                           item.current.icp, item.current.score, item.current.tier ?? "", item.delta, isNew])
                for (seq, reason) in item.reasons.enumerated() {
                    try insertReason.execute([runID, item.leadID, seq + 1, reason.kind.rawValue, reason.id, reason.field,
                                              reason.pointsBefore, reason.pointsAfter, reason.valueBefore, reason.valueAfter, reason.detail])
                }
            }
            summary.revived += 1
            if isNew { summary.newRevived += 1 }
            for kind in Set(item.reasons.map(\.kind.rawValue)) { summary.byReason[kind, default: 0] += 1 }
            if options.storesNothing {
                summary.revivedLeads.append(RevivedLead(
                    leadID: item.leadID, crmID: item.crmID, company: item.company, rank: index + 1,
                    baselineICP: item.baseline.icp, baselineScore: item.baseline.score, baselineTier: item.baseline.tier,
                    score: item.current.score, tier: item.current.tier ?? "", reasons: item.reasons, isNew: isNew))
            }
        }
    }

    /// The run's top candidates worth enriching.
    private func storeEnrichment(_ totals: RunCounts, runID: Int64) throws {
        let insertEnrich = try db.cachedStatement("INSERT INTO worth_enriching(run_id, lead_id, rank, fields, gain, tier) VALUES (?, ?, ?, ?, ?, ?)")
        for (rank, item) in totals.enrich.ranked.enumerated() {
            try insertEnrich.execute([runID, item.leadID, rank + 1, item.enrichment.fields.joined(separator: ", "), item.enrichment.gain, item.enrichment.tier])
        }
    }

    /// `runs.unreadable`: per export column, the unreadable texts the database holds now (up to
    /// five, most frequent first, with their counts), so the run's report lists what the run saw.
    static let recordUnreadable = """
        UPDATE runs SET unreadable = (
            SELECT json_group_object(key, json(examples)) FROM (
                SELECT key, json_group_array(json_array(value, n)) AS examples FROM (
                    SELECT key, value, n FROM (
                        SELECT u.key, u.value, count(*) AS n,
                               row_number() OVER (PARTITION BY u.key ORDER BY count(*) DESC, u.value) AS nth
                        FROM (SELECT unreadable FROM leads WHERE unreadable != '{}'
                              UNION ALL SELECT unreadable FROM accounts WHERE unreadable != '{}') t, json_each(t.unreadable) u
                        GROUP BY 1, 2)
                    WHERE nth <= 5 ORDER BY key, n DESC, value)
                GROUP BY key ORDER BY key))
        WHERE id = ?
        """

    /// The leads revived by the previous night (for `is_new`): the completed run with the latest
    /// as-of date before this one's (the highest id among equals), so a run repeated for the same
    /// night keeps that night's flags and a re-run of an earlier night changes no later flags.
    private func previousRevived(before asOf: Timestamp) throws -> Set<Int64> {
        var set = Set<Int64>()
        try db.prepare("""
            SELECT lead_id FROM revived_opportunities
            WHERE run_id = (SELECT id FROM runs WHERE status = 'completed' AND as_of < ? ORDER BY as_of DESC, id DESC LIMIT 1)
            """).forEachRow([asOf.iso]) { row in if let id = row[0].int64 { set.insert(id) } }
        return set
    }

    /// Imports every CSV in the folder not imported before (by SHA-256), in name order.
    /// One file that fails fails the run, naming the file.
    private func importInbox(_ folder: String, now: Date) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure(.missingInput, "\(folder): no such inbox folder; create it or fix --inbox")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.lowercased().hasSuffix(".csv") || $0.lowercased().hasSuffix(".tsv") }.sorted()
        var imported: [String] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                let summary = try Importer(db: db).importFile(path, options: ImportOptions(now: now))
                if summary.alreadyImported == nil { imported.append(path) }
            } catch let error as UserFacingError {
                let message = error.message.hasPrefix(path) ? error.message : "\(path): \(error.message)"
                throw Failure(error.kind, "inbox file failed, nothing was evaluated: \(message)")
            }
        }
        return imported
    }
}
