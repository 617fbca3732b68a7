import Foundation
import FuzzDriver
import ICP
import LeadData

/// The ICP parser on any text; a file it accepts is scored on a lead (at baseline, and now against
/// a state at dismissal, so the rules over history are judged and put in words), diffed and summarised.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let version = try? ICPParser.parse(text, file: "fuzz.yaml") else { return 0 }
    var lead = LeadRecord(crmID: "1", lifecycle: .lost)
    lead.company = "Acme"
    lead.industry = "Software"
    lead.employees = NumberRange(low: 40, high: 250)
    lead.country = "US"
    lead.technologies = ["Salesforce"]
    lead.lastFundingAt = DateParser().parse("2026-01-01")
    let evaluation = Scorer(version).evaluate(lead, asOf: DateParser().parse("2026-11-22")!)
    _ = evaluation.tier
    var then = lead
    then.employees = NumberRange(low: 10, high: nil)
    then.country = nil
    then.technologies = ["HubSpot", "salesforce "]
    let dismissedAt = DateParser().parse("2025-02-01")!
    let current = Scorer(version).evaluate(lead, asOf: DateParser().parse("2026-11-22")!,
                                           since: DismissalState(record: then, dismissedAt: dismissedAt))
    for outcome in current.outcomes { _ = outcome.historyChange(since: dismissedAt) }
    for rule in version.criteria + version.triggers + version.disqualifiers { _ = ICPDiff.describe(rule) }
    _ = ICPDiff.changes(from: version, to: version)
    return 0
}

runFuzzer(fuzz)
