/// How many decimals a number was written with, read back from its shortest round-trip form: 6 → 0,
/// 116.7 → 1, 1.05 → 2 (at most `limit`). Values imported from text print back as they were written, so
/// this is the precision the data were recorded with.
public func recordedDecimals(_ value: Double, limit: Int = 4) -> Int {
    guard value.isFinite else { return 0 }
    // Without text, for the usual magnitudes (where the shortest form has no exponent): the fewest decimals k
    // whose k-decimal number n / 10^k reads back as `value`. n = (value·10^k) rounded is that number whenever one
    // exists, and n / 10^k, both exact below 2^53, is correctly rounded, so it equals `value` exactly then; the
    // shortest round-trip form has the fewest digits, so it has k decimals.
    let magnitude = abs(value)
    if magnitude == 0 { return 0 }
    if magnitude >= 1e-4, magnitude < 1e15, (1...4).contains(limit) {
        if magnitude.rounded() == magnitude { return 0 }
        var scale = 10.0
        for decimals in 1...limit {
            let scaled = (magnitude * scale).rounded()
            if scaled < 9_007_199_254_740_992, scaled / scale == magnitude { return decimals }
            scale *= 10
        }
        return limit
    }
    let text = "\(magnitude)"
    guard !text.contains("e") else { return limit }
    guard let dot = text.firstIndex(of: ".") else { return 0 }
    let fraction = text[text.index(after: dot)...].reversed().drop { $0 == "0" }
    return min(limit, fraction.count)
}

/// The most decimals any of `values` was recorded with (``recordedDecimals(_:limit:)``, at most `limit`), or
/// `nil` when there are none: the one rule for an outcome's, or a cell's, precision.
public func recordedDecimals<Values: Sequence<Double>>(mostOf values: Values, limit: Int = 4) -> Int? {
    var most: Int?
    var scale = 1.0  // 10^most
    for value in values {
        if let current = most {
            if current >= limit { break }
            // A value written with at most `current` decimals cannot raise the most: one check instead of the
            // search (n = value·10^current rounded reads back as the value exactly when it has that many or fewer).
            let magnitude = abs(value)
            if magnitude < 1e15, magnitude >= 1e-4 || magnitude == 0 {
                let scaled = (magnitude * scale).rounded()
                if scaled < 9_007_199_254_740_992, scaled / scale == magnitude { continue }
            }
        }
        let decimals = recordedDecimals(value, limit: limit)
        if decimals > most ?? -1 {
            most = decimals
            scale = (0..<decimals).reduce(1.0) { value, _ in value * 10 }
        }
    }
    return most
}

extension Trial {
    /// The decimals `outcome`'s observed values were recorded with (the most any value has; at most 4),
    /// or `nil` when it has no observed value: every report prints that outcome's numbers from this, so the
    /// same value reads the same everywhere.
    public func recordedDecimals(of outcome: String) -> Int? {
        arms.flatMap { arm in timepoints.compactMap { WalkStatsModel.recordedDecimals(mostOf: arm.observedValues(of: outcome, at: $0)) } }.max()
    }
}
