import LeadData

extension ICPVersion {
    /// The version in force on `date`: the one with the latest `effective` on or before it;
    /// before the first, the earliest. Versions with the same day: the later label wins.
    public static func inForce(among versions: [ICPVersion], at date: Timestamp) -> ICPVersion? {
        let sorted = versions.sorted { ($0.effective, $0.label) < ($1.effective, $1.label) }
        return sorted.last { $0.effective.dayNumber <= date.dayNumber } ?? sorted.first
    }
}
