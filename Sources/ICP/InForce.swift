import LeadData

extension ICPVersion {
    /// The version in force on `date`: the one with the latest `effective` on or before it;
    /// before the first, the earliest. Versions with the same day: the later label wins.
    public static func inForce(among versions: [ICPVersion], at date: Timestamp) -> ICPVersion? {
        inForceIndex(among: versions, at: date).map { versions[$0] }
    }

    /// The index in `versions` of the version in force on `date` (see `inForce`; no date is
    /// before every version: the earliest), found in one pass without sorting or copying: a run
    /// asks it once per candidate.
    public static func inForceIndex(among versions: [ICPVersion], at date: Timestamp?) -> Int? {
        func before(_ a: Int, _ b: Int) -> Bool {
            (versions[a].effective, versions[a].label) < (versions[b].effective, versions[b].label)
        }
        let day = date?.dayNumber
        var inForce: Int?, earliest: Int?
        for i in versions.indices {
            if earliest.map({ before(i, $0) }) ?? true { earliest = i }
            if let day, versions[i].effective.dayNumber <= day, inForce.map({ before($0, i) }) ?? true { inForce = i }
        }
        return inForce ?? earliest
    }
}
