/// How many decimals a number was written with, read back from its shortest round-trip form: 6 → 0,
/// 116.7 → 1, 1.05 → 2 (at most `limit`). Values imported from text print back as they were written, so
/// this is the precision the data were recorded with.
public func recordedDecimals(_ value: Double, limit: Int = 4) -> Int {
    guard value.isFinite else { return 0 }
    let text = "\(abs(value))"
    guard !text.contains("e") else { return limit }
    guard let dot = text.firstIndex(of: ".") else { return 0 }
    let fraction = text[text.index(after: dot)...].reversed().drop { $0 == "0" }
    return min(limit, fraction.count)
}

extension Trial {
    /// The decimals `outcome`'s observed values were recorded with (the most any value has; at most 4),
    /// or `nil` when it has no observed value: every report prints that outcome's numbers from this, so the
    /// same value reads the same everywhere.
    public func recordedDecimals(of outcome: String) -> Int? {
        var most: Int?
        for arm in arms {
            for participant in arm.participants {
                for value in participant.observedValues(of: outcome) { most = max(most ?? 0, WalkStatsModel.recordedDecimals(value)) }
            }
        }
        return most
    }
}
