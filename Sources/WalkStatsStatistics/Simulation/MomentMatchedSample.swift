import WalkStatsGSL

/// The kind of values a simulated outcome may take.
public struct ScaleConstraints: Sendable, Equatable {
    /// The scale's range (NRS 0–10), or `nil` for an unbounded measure; strength and speed use 0...∞.
    public var range: ClosedRange<Double>?
    /// Whether every score is a whole number (NRS, WOMAC).
    public var integerScores: Bool

    /// Creates constraints.
    public init(range: ClosedRange<Double>?, integerScores: Bool) {
        self.range = range
        self.integerScores = integerScores
    }
}

/// A sample of `n` values whose mean and SD round to the printed ones, built from standard normal draws.
///
/// ```
/// continuous:  z = standardised draws (mean 0, SD 1 exactly);  x = mean + SD · z,
///              written with printedDecimals + 2 decimals (moments then agree far inside the rounding)
/// integer:     x = round(mean + SD · z), clamped to the range; then the total is moved to the whole
///              number T with round(T / n) = printed mean (GRIM), and the sum of squares to a value of the
///              right parity whose SD rounds to the printed SD (GRIMMER), by moving single scores by ±1
/// ```
///
/// Moment matching keeps the shape of the normal draws (and their correlation with another timepoint's
/// draws) while reproducing the printed summary to its printed precision.
///
/// - Parameters:
///   - normals: n standard normal draws (from ``SeededGenerator``; correlated draws give correlated samples).
///   - printedDecimals: the decimals of the printed mean and SD (1.56 → 2).
/// - Throws: ``StatisticsError/invalidRequest(_:)`` when n < 2, the draws are constant, a continuous value
///   falls outside the range (draw again), or no whole-number sample can reproduce the printed mean (GRIM)
///   or SD (GRIMMER) within the range.
public func momentMatchedSample(mean: Double, standardDeviation: Double, printedDecimals: Int, scale: ScaleConstraints,
                                normals: [Double]) throws -> [Double] {
    let n = normals.count
    guard n >= 2, standardDeviation >= 0, mean.isFinite, standardDeviation.isFinite, (0...10).contains(printedDecimals) else {
        throw StatisticsError.invalidRequest("a moment-matched sample needs n ≥ 2, a finite mean and SD ≥ 0 (got n = \(n), mean \(mean), SD \(standardDeviation))")
    }
    let center = try SampleStatistics.mean(normals)
    let spread = try SampleStatistics.standardDeviation(normals)
    guard spread > 0 else { throw StatisticsError.invalidRequest("the normal draws are constant") }
    let targets = normals.map { mean + standardDeviation * ($0 - center) / spread }
    if scale.integerScores {
        var match = IntegerMomentMatch(targets: targets, mean: mean, standardDeviation: standardDeviation,
                                       decimals: printedDecimals, range: scale.range)
        return try match.solve()
    }
    let unit = pow10(printedDecimals + 2)
    let values = targets.map { ($0 * unit).rounded() / unit }
    if let range = scale.range, let outside = values.first(where: { !range.contains($0) }) {
        throw StatisticsError.invalidRequest("a simulated value \(outside) falls outside \(range.lowerBound)…\(range.upperBound); draw again")
    }
    return values
}

private func pow10(_ k: Int) -> Double { (0..<k).reduce(1.0) { value, _ in value * 10 } }

/// The whole-number search behind ``momentMatchedSample(mean:standardDeviation:printedDecimals:scale:normals:)``.
private struct IntegerMomentMatch {
    var values: [Double]
    let targets: [Double]
    let n: Double
    let lowest: Double
    let highest: Double
    let mean: Double
    let standardDeviation: Double
    let decimals: Int

    init(targets: [Double], mean: Double, standardDeviation: Double, decimals: Int, range: ClosedRange<Double>?) {
        let (low, high) = (range.map { $0.lowerBound.rounded(.up) } ?? -Double.greatestFiniteMagnitude,
                           range.map { $0.upperBound.rounded(.down) } ?? Double.greatestFiniteMagnitude)
        lowest = low
        highest = high
        values = targets.map { Swift.min(Swift.max($0.rounded(), low), high) }
        self.targets = targets
        n = Double(targets.count)
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.decimals = decimals
    }

    /// Rounds like a printed number: half away from zero at `decimals`.
    func printed(_ x: Double) -> Double { (x * pow10(decimals)).rounded() / pow10(decimals) }

    mutating func solve() throws -> [Double] {
        let total = try targetTotal()
        try moveTotal(to: total)
        let squares = try targetSumOfSquares(total: total)
        try moveSumOfSquares(to: squares)
        return values
    }

    /// The whole-number total nearest n · mean whose mean prints as the printed mean (GRIM).
    func targetTotal() throws -> Double {
        let center = (n * mean).rounded()
        for offset in 0...Int(n) {
            for candidate in [center - Double(offset), center + Double(offset)]
            where printed(candidate / n) == printed(mean) && candidate >= n * lowest && candidate <= n * highest {
                return candidate
            }
        }
        throw StatisticsError.invalidRequest("no \(Int(n)) whole-number scores have a mean that rounds to \(mean) (GRIM-inconsistent)")
    }

    mutating func moveTotal(to total: Double) throws {
        var sum = values.reduce(0, +)
        while sum != total {
            let up = sum < total
            // Move the score that is furthest from its continuous target in the needed direction.
            guard let index = values.indices.filter({ up ? values[$0] < highest : values[$0] > lowest })
                .max(by: { residual($0, up) < residual($1, up) }) else {
                throw StatisticsError.invalidRequest("the scale's range cannot hold a total of \(total)")
            }
            values[index] += up ? 1 : -1
            sum += up ? 1 : -1
        }
    }

    func residual(_ index: Int, _ up: Bool) -> Double { up ? targets[index] - values[index] : values[index] - targets[index] }

    /// A sum of squares with the parity of the total whose SD prints as the printed SD, nearest to the
    /// exact one (GRIMMER).
    func targetSumOfSquares(total: Double) throws -> Double {
        let exact = (n - 1) * standardDeviation * standardDeviation + total * total / n
        let parity = total.truncatingRemainder(dividingBy: 2) == 0 ? 0.0 : 1.0
        var candidate = exact.rounded()
        if abs(candidate.truncatingRemainder(dividingBy: 2)) != parity { candidate += 1 }
        for offset in 0..<1000 {
            for value in [candidate - 2 * Double(offset), candidate + 2 * Double(offset)] {
                let variance = (value - total * total / n) / (n - 1)
                if variance >= 0, printed(variance.squareRoot()) == printed(standardDeviation) { return value }
            }
        }
        throw StatisticsError.invalidRequest("no \(Int(n)) whole-number scores with mean \(mean) have an SD that rounds to "
            + "\(standardDeviation) (GRIMMER-inconsistent)")
    }

    /// Spreads (x_i + 1, x_j − 1 for x_i ≥ x_j) or contracts (x_i − 1, x_j + 1 for x_i ≥ x_j + 2) pairs of
    /// scores, keeping the total, until the sum of squares is the target.
    mutating func moveSumOfSquares(to target: Double) throws {
        var squares = values.reduce(0) { $0 + $1 * $1 }
        var steps = 0
        while squares != target {
            steps += 1
            guard steps < 100_000 else { throw StatisticsError.invalidRequest("could not reach the printed SD within the scale") }
            let needed = target - squares
            let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
            var best: (i: Int, j: Int, change: Double)? = nil
            for a in order.indices {
                for b in order.indices where a != b {
                    let (i, j) = (order[b], order[a])   // values[i] >= values[j] when b > a
                    guard b > a else { continue }
                    let gap = values[i] - values[j]
                    let change: Double
                    if needed > 0 {
                        guard values[i] < highest, values[j] > lowest else { continue }
                        change = 2 * gap + 2
                    } else {
                        guard gap >= 2 else { continue }
                        change = -2 * gap + 2
                    }
                    // Prefer the smallest step that does not overshoot; else the smallest step.
                    let fits = abs(change) <= abs(needed)
                    if let current = best {
                        let currentFits = abs(current.change) <= abs(needed)
                        if fits && (!currentFits || abs(change) > abs(current.change)) || (!fits && !currentFits && abs(change) < abs(current.change)) {
                            best = (i, j, change)
                        }
                    } else {
                        best = (i, j, change)
                    }
                }
            }
            guard let move = best else { throw StatisticsError.invalidRequest("the scale's range cannot reach the printed SD") }
            let spread = needed > 0
            values[move.i] += spread ? 1 : -1
            values[move.j] += spread ? -1 : 1
            squares += move.change
        }
    }
}
