/// Average ranks of a sample, as R's `rank(x)` (ties.method = "average") assigns them, with the tie
/// information the rank tests need.
///
/// ```
/// rank(x_i) = (first + last) / 2   over the sorted positions first…last (1-based) of x_i's tie group
/// tieTerm   = Σ (t³ − t)           over the tie groups, t = group size (R: sum(NTIES^3 - NTIES))
/// ```
///
/// Values are tied when they compare equal as doubles (so 0.0 and −0.0 tie), exactly as R compares
/// them with `digits.rank = Inf`, R's default. Ranks are whole or half numbers, so sums of ranks are
/// exact in floating point.
///
/// - Complexity: O(n log n).
struct AverageRanks {
    /// The rank of each value, in input order.
    let ranks: [Double]
    /// Σ (t³ − t) over the groups of tied values (0 without ties).
    let tieTerm: Double
    /// Whether at least two values are equal (R: `length(r) != length(unique(r))`).
    var hasTies: Bool { tieTerm > 0 }

    /// Ranks `values`, which must not contain NaN.
    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieTerm = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            // Positions start…end−1 (0-based) are the 1-based ranks start+1…end.
            let average = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = average }
            let size = Double(end - start)
            tieTerm += size * size * size - size
            start = end
        }
        self.ranks = ranks
        self.tieTerm = tieTerm
    }
}
