import Foundation
import WalkStatsGSL
import WalkStatsModel

/// One group's n, mean and SD as printed, with their decimals: the input of the p-value consistency
/// check, which needs to know how precisely each number was rounded.
public struct PrintedSummary: Sendable, Equatable, Hashable {
    /// The group's size.
    public let n: Int
    /// The printed mean.
    public let mean: ReportedDecimal
    /// The printed SD.
    public let standardDeviation: ReportedDecimal

    /// Creates a printed summary.
    public init(n: Int, mean: ReportedDecimal, standardDeviation: ReportedDecimal) {
        self.n = n
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// Reads the printed numbers (`PrintedSummary(n: 16, mean: "1.56", standardDeviation: "0.63")`).
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` as ``ReportedDecimal/init(_:)``.
    public init(n: Int, mean: String, standardDeviation: String) throws {
        self.init(n: n, mean: try ReportedDecimal(mean), standardDeviation: try ReportedDecimal(standardDeviation))
    }

    /// The numbers taken as exact.
    public var statistics: SummaryStatistics {
        SummaryStatistics(n: n, mean: mean.value, standardDeviation: standardDeviation.value)
    }
}

/// Which test a paper's p-value came from, when recomputing it from summaries.
public enum SummaryTestKind: Sendable, Equatable, Hashable {
    /// Welch's unequal-variances t-test of two independent groups.
    case welch
    /// Student's pooled-variance t-test of two independent groups.
    case student
    /// A paired t-test of two conditions measured on the same people, with the correlation between
    /// the conditions somewhere in this range (a single value `r...r` when known).
    case paired(correlation: ClosedRange<Double>)
}

/// The outcome of ``pValueConsistency(_:_:test:reported:)``: the verdict and its explanation, the p
/// recomputed from the printed numbers, and the range of p the printed precision allows.
public struct PValueConsistency: Sendable, Equatable {
    /// Consistent, inconsistent, or cannot tell, with the reason and an explanation.
    public let result: ConsistencyResult
    /// The p-value as printed.
    public let reported: ReportedPValue
    /// The two-sided p from the printed means and SDs taken as exact (`nil` for a paired test over a
    /// range of correlations, or when undefined).
    public let recomputedPValue: Double?
    /// The smallest and largest two-sided p over every mean and SD within half a unit of its printed
    /// value (and, for a paired test, every correlation in its range).
    public let achievableRange: ClosedRange<Double>
    /// For a paired test over a range of correlations: the correlations at which the printed p is
    /// attainable (`nil` when none, or for the two-sample tests).
    public let attainableCorrelations: ClosedRange<Double>?

    /// The verdict.
    public var verdict: ConsistencyVerdict { result.verdict }

    /// Creates a result.
    public init(result: ConsistencyResult, reported: ReportedPValue, recomputedPValue: Double?,
                achievableRange: ClosedRange<Double>, attainableCorrelations: ClosedRange<Double>?) {
        self.result = result
        self.reported = reported
        self.recomputedPValue = recomputedPValue
        self.achievableRange = achievableRange
        self.attainableCorrelations = attainableCorrelations
    }
}

/// Checks a printed p-value against the printed summaries it was computed from, in the spirit of
/// statcheck: recompute the two-sided p of the test, allowing for the rounding of every printed mean
/// and SD, and ask whether the printed p (or claim such as "p < 0.05") is attainable.
///
/// ```
/// box:  mean ∈ [m − h_m, m + h_m],  SD ∈ [max(0, s − h_s), s + h_s]     (h = half a unit in the last printed decimal)
/// Δ = mean_A − mean_B ranges over [Δ_low, Δ_high];  p falls as |Δ| grows and rises with the standard error
/// p_min = min over the SD box of p(max |Δ|, SD_A, SD_B)
/// p_max = max over the SD box of p(min |Δ|, SD_A, SD_B)      (= 1 when the Δ range contains 0)
/// consistent   ⇔ some p in [p_min, p_max] satisfies the printed claim ("p = 0.01" admits 0.005…0.015)
/// inconsistent ⇔ none does
/// cannot tell  ⇔ [p_min, p_max] = [0, 1] (the precision admits any p), or, for a paired test over a
///                range of correlations, the claim holds for some correlations and not others
/// ```
///
/// How the SD box is searched: Student's pooled t and the paired t at a fixed correlation depend on the
/// SDs through one standard error that grows with each SD, so their extremes are at box corners (the
/// smallest SD of the differences, √(s_A² + s_B² − 2ρ s_A s_B), is found exactly along the box's edges).
/// Welch's df also moves with the SDs; its p has no interior extremum (df is scale-free in the two
/// SDs), so each edge is searched by a 65-point grid refined by golden-section search.
///
/// For a paired test over a range of correlations, p_min and p_max both fall as ρ grows; the ends of
/// the set of correlations where the claim is attainable are found with Brent's method
/// (``RootFinding``), so the result also says, for Roos 2012's "p < 0.01", how large the correlation
/// must have been once rounding is allowed for.
///
/// *Assumptions.* The test is two-sided and was run on the groups as printed (same n). One-sided
/// tests, corrections for multiple testing and other tests are outside this check.
///
/// *Matches R:* the range is checked against an R script that minimises and maximises the same p over
/// the same box (`optimize` along the edges, `uniroot` for the correlations): see
/// `Fixtures/summary-data/generate.R`.
///
/// *References:* Nuijten MB, Hartgerink CHJ, van Assen MALM, Epskamp S, Wicherts JM (2016). The
/// prevalence of statistical reporting errors in psychology (1985–2013). Behavior Research Methods
/// 48(4):1205–1226. doi:10.3758/s13428-015-0664-2
///
/// - Parameters:
///   - a: the first group or condition as printed.
///   - b: the second group or condition as printed.
///   - test: which test the paper ran.
///   - reported: the printed p-value or claim.
/// - Returns: the verdict with reason ``ConsistencyReason/pValueAttainable``,
///   ``ConsistencyReason/pValueNotAttainable``, ``ConsistencyReason/pValueUninformative`` or
///   ``ConsistencyReason/pValueDependsOnCorrelation``, and the achievable range.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2,
///   ``StatisticsError/invalidRequest(_:)`` for a negative SD, unequal n in a paired test or a
///   correlation range outside [−1, 1].
public func pValueConsistency(_ a: PrintedSummary, _ b: PrintedSummary, test: SummaryTestKind,
                              reported: ReportedPValue) throws -> PValueConsistency {
    let model = try PValueBox(a, b, test: test)
    switch test {
    case .welch, .student:
        let range = try model.achievableRange(correlation: 0)
        let recomputed = try model.pValue(delta: a.mean.value - b.mean.value, sdA: a.standardDeviation.value,
                                          sdB: b.standardDeviation.value, correlation: 0)
        let attainable = reported.isAttainable(within: range)
        let name = test == .welch ? "Welch t-test" : "Student t-test"
        let head = "\(name) from the printed values: p = \(short(recomputed)); with every mean and SD anywhere within half a unit "
            + "of its last printed digit, p ranges over \(short(range.lowerBound))…\(short(range.upperBound))"
        let result: ConsistencyResult
        if range.lowerBound == 0, range.upperBound == 1 {
            result = ConsistencyResult(verdict: .cannotTell, reason: .pValueUninformative,
                                       explanation: head + ", so the printed precision admits any p; cannot tell")
        } else if attainable {
            result = ConsistencyResult(verdict: .consistent, reason: .pValueAttainable,
                                       explanation: head + ", so the printed '\(reported)' is attainable")
        } else {
            result = ConsistencyResult(verdict: .inconsistent, reason: .pValueNotAttainable,
                                       explanation: head + ", so the printed '\(reported)' is not attainable")
        }
        return PValueConsistency(result: result, reported: reported, recomputedPValue: recomputed,
                                 achievableRange: range, attainableCorrelations: nil)

    case let .paired(correlations):
        let (low, high) = (correlations.lowerBound, correlations.upperBound)
        let range = (try model.achievableRange(correlation: high).lowerBound)...(try model.achievableRange(correlation: low).upperBound)
        let recomputed: Double? = low == high
            ? try model.pValue(delta: a.mean.value - b.mean.value, sdA: a.standardDeviation.value,
                               sdB: b.standardDeviation.value, correlation: low)
            : nil
        let attainable = try model.attainableCorrelations(for: reported, within: correlations)
        let rhoText = low == high ? "ρ = \(low)" : "ρ in \(low)…\(high)"
        var head = "paired t-test from the printed values"
        if let recomputed { head += ": p = \(short(recomputed)) at \(rhoText)" } else { head += " over \(rhoText)" }
        head += "; with every mean and SD within half a unit of its last printed digit, p ranges over "
            + "\(short(range.lowerBound))…\(short(range.upperBound))"
        let result: ConsistencyResult
        if range.lowerBound == 0, range.upperBound == 1 {
            result = ConsistencyResult(verdict: .cannotTell, reason: .pValueUninformative,
                                       explanation: head + ", so the printed precision admits any p; cannot tell")
        } else if let attainable, attainable == correlations {
            result = ConsistencyResult(verdict: .consistent, reason: .pValueAttainable,
                                       explanation: head + ", so the printed '\(reported)' is attainable"
                                           + (low == high ? "" : " at every correlation in the range"))
        } else if let attainable {
            result = ConsistencyResult(verdict: .cannotTell, reason: .pValueDependsOnCorrelation,
                                       explanation: head + ", so the printed '\(reported)' is attainable only for ρ in "
                                           + "\(short(attainable.lowerBound))…\(short(attainable.upperBound)); the correlation was not printed")
        } else {
            result = ConsistencyResult(verdict: .inconsistent, reason: .pValueNotAttainable,
                                       explanation: head + ", so the printed '\(reported)' is not attainable at any correlation in the range")
        }
        return PValueConsistency(result: result, reported: reported, recomputedPValue: recomputed,
                                 achievableRange: range, attainableCorrelations: attainable)
    }
}

/// Four significant digits for explanations.
private func short(_ value: Double) -> String { String(format: "%.4g", value) }

/// The rounding box of two printed summaries and the p-value of a test over it.
struct PValueBox {
    let test: SummaryTestKind
    let a: SummaryStatistics
    let b: SummaryStatistics
    let meanA: ClosedRange<Double>, meanB: ClosedRange<Double>
    let sdA: ClosedRange<Double>, sdB: ClosedRange<Double>

    /// Points per edge of the first Welch search (refined by golden section).
    static let edgeGridPoints = 64
    /// Relative width at which the golden-section search stops.
    static let edgeTolerance = 1e-13

    init(_ printedA: PrintedSummary, _ printedB: PrintedSummary, test: SummaryTestKind) throws {
        self.test = test
        (a, b) = (printedA.statistics, printedB.statistics)
        try SummaryValidation.check(a, label: "the first summary")
        try SummaryValidation.check(b, label: "the second summary")
        if case let .paired(correlations) = test {
            guard a.n == b.n else {
                throw StatisticsError.invalidRequest("a paired test needs the same n in both conditions, got \(a.n) and \(b.n)")
            }
            try SummaryValidation.checkCorrelation(correlations.lowerBound)
            try SummaryValidation.checkCorrelation(correlations.upperBound)
        }
        func around(_ value: ReportedDecimal, floor: Double) -> ClosedRange<Double> {
            max(floor, value.value - value.halfUnit)...(value.value + value.halfUnit)
        }
        meanA = around(printedA.mean, floor: -.infinity)
        meanB = around(printedB.mean, floor: -.infinity)
        sdA = around(printedA.standardDeviation, floor: 0)
        sdB = around(printedB.standardDeviation, floor: 0)
    }

    /// The two-sided p at mean difference `delta`, SDs and (paired only) correlation. A zero standard
    /// error gives p = 0 for Δ ≠ 0 and p = 1 for Δ = 0 (no difference).
    func pValue(delta: Double, sdA: Double, sdB: Double, correlation: Double) throws -> Double {
        let standardError: Double, df: Double
        switch test {
        case .welch, .student:
            (standardError, df) = twoSampleStandardError(SummaryStatistics(n: a.n, mean: a.mean, standardDeviation: sdA),
                                                         SummaryStatistics(n: b.n, mean: b.mean, standardDeviation: sdB),
                                                         equalVariances: test == .student)
        case .paired:
            return try pairedPValue(delta: delta, differenceSD: SummaryValidation.differenceStandardDeviation(
                sdA, sdB, correlation: correlation))
        }
        return try twoSidedP(delta: delta, standardError: standardError, degreesOfFreedom: df)
    }

    /// The paired test's p from the mean difference and the SD of the differences (df = n − 1).
    func pairedPValue(delta: Double, differenceSD: Double) throws -> Double {
        let n = Double(a.n)
        return try twoSidedP(delta: delta, standardError: differenceSD / n.squareRoot(), degreesOfFreedom: n - 1)
    }

    private func twoSidedP(delta: Double, standardError: Double, degreesOfFreedom df: Double) throws -> Double {
        if delta == 0 { return 1 }
        guard standardError > 0 else { return 0 }
        return try TInference.twoSidedPValue(abs(delta) / standardError, distribution: StudentTDistribution(degreesOfFreedom: df))
    }

    /// [p_min, p_max] over the box at a fixed correlation (ignored by the two-sample tests).
    func achievableRange(correlation rho: Double) throws -> ClosedRange<Double> {
        let deltaLow = meanA.lowerBound - meanB.upperBound, deltaHigh = meanA.upperBound - meanB.lowerBound
        let largest = max(abs(deltaLow), abs(deltaHigh))
        let smallest = deltaLow <= 0 && deltaHigh >= 0 ? 0 : min(abs(deltaLow), abs(deltaHigh))
        let lowest: Double, highest: Double
        switch test {
        case .student:
            lowest = try pValue(delta: largest, sdA: sdA.lowerBound, sdB: sdB.lowerBound, correlation: rho)
            highest = try pValue(delta: smallest, sdA: sdA.upperBound, sdB: sdB.upperBound, correlation: rho)
        case .paired:
            let (low, high) = differenceSDBounds(correlation: rho)
            lowest = try pairedPValue(delta: largest, differenceSD: low)
            highest = try pairedPValue(delta: smallest, differenceSD: high)
        case .welch:
            lowest = try boundaryExtremum(minimize: true) { try pValue(delta: largest, sdA: $0, sdB: $1, correlation: rho) }
            highest = smallest == 0 ? 1
                : try boundaryExtremum(minimize: false) { try pValue(delta: smallest, sdA: $0, sdB: $1, correlation: rho) }
        }
        return min(lowest, highest)...max(lowest, highest)
    }

    /// Smallest and largest √(s_A² + s_B² − 2ρ s_A s_B) over the SD box. The expression is convex in
    /// (s_A, s_B) for |ρ| ≤ 1: its maximum is at a corner; its minimum is on an edge (it has no interior
    /// stationary point in a box with positive SDs), where it is a parabola in the free SD with vertex
    /// ρ · (the fixed SD).
    func differenceSDBounds(correlation rho: Double) -> (low: Double, high: Double) {
        func sd(_ x: Double, _ y: Double) -> Double { SummaryValidation.differenceStandardDeviation(x, y, correlation: rho) }
        func clamp(_ x: Double, _ range: ClosedRange<Double>) -> Double { min(max(x, range.lowerBound), range.upperBound) }
        var low = Double.infinity, high = 0.0
        for x in [sdA.lowerBound, sdA.upperBound] {
            low = min(low, sd(x, clamp(rho * x, sdB)))
            for y in [sdB.lowerBound, sdB.upperBound] { high = max(high, sd(x, y)) }
        }
        for y in [sdB.lowerBound, sdB.upperBound] { low = min(low, sd(clamp(rho * y, sdA), y)) }
        return (low, high)
    }

    /// The minimum (or maximum) of `f` over the boundary of the SD box: each edge sampled on a grid,
    /// then the best grid cell refined by golden-section search.
    func boundaryExtremum(minimize: Bool, _ f: (Double, Double) throws -> Double) throws -> Double {
        let sign = minimize ? 1.0 : -1.0
        var best = Double.infinity
        let edges: [(ClosedRange<Double>, (Double) -> (Double, Double))] = [
            (sdA, { ($0, self.sdB.lowerBound) }), (sdA, { ($0, self.sdB.upperBound) }),
            (sdB, { (self.sdA.lowerBound, $0) }), (sdB, { (self.sdA.upperBound, $0) }),
        ]
        for (range, point) in edges {
            func g(_ x: Double) throws -> Double { let (s1, s2) = point(x); return sign * (try f(s1, s2)) }
            best = min(best, try edgeMinimum(range, g))
        }
        return sign * best
    }

    private func edgeMinimum(_ range: ClosedRange<Double>, _ g: (Double) throws -> Double) throws -> Double {
        let (lo, hi) = (range.lowerBound, range.upperBound)
        guard hi > lo else { return try g(lo) }
        let k = Self.edgeGridPoints
        let xs = (0...k).map { lo + (hi - lo) * Double($0) / Double(k) }
        let values = try xs.map(g)
        let j = values.indices.min { values[$0] < values[$1] }!
        var (left, right) = (xs[max(j - 1, 0)], xs[min(j + 1, k)])
        let ratio = (5.0.squareRoot() - 1) / 2
        var c = right - ratio * (right - left), d = left + ratio * (right - left)
        var gc = try g(c), gd = try g(d)
        var best = min(values[j], gc, gd)
        var iterations = 0
        while right - left > Self.edgeTolerance * max(1, abs(hi)), iterations < 200 {
            iterations += 1
            if gc < gd {
                (right, d, gd) = (d, c, gc)
                c = right - ratio * (right - left)
                gc = try g(c)
            } else {
                (left, c, gc) = (c, d, gd)
                d = left + ratio * (right - left)
                gd = try g(d)
            }
            best = min(best, gc, gd)
        }
        return best
    }

    /// The correlations in `range` at which `claim` is attainable: p_min(ρ) and p_max(ρ) both fall as
    /// ρ grows, so the set is an interval whose ends are roots of p_min(ρ) − upper target and
    /// p_max(ρ) − lower target (Brent's method).
    func attainableCorrelations(for claim: ReportedPValue, within range: ClosedRange<Double>) throws -> ClosedRange<Double>? {
        let (low, high) = (range.lowerBound, range.upperBound)
        func lowest(_ rho: Double) throws -> Double { try achievableRange(correlation: rho).lowerBound }
        func highest(_ rho: Double) throws -> Double { try achievableRange(correlation: rho).upperBound }
        // From ρ1 upwards the smallest p is low enough.
        var rho1 = low
        if !claim.admitsLowest(try lowest(low)) {
            guard claim.admitsLowest(try lowest(high)), let target = claim.upperTarget else { return nil }
            rho1 = try crossing(low, high, target: target, lowest)
        }
        // Up to ρ2 the largest p is high enough.
        var rho2 = high
        if !claim.admitsHighest(try highest(high)) {
            guard claim.admitsHighest(try highest(low)), let target = claim.lowerTarget else { return nil }
            rho2 = try crossing(low, high, target: target, highest)
        }
        return rho1 <= rho2 ? rho1...rho2 : nil
    }

    /// The ρ in [low, high] where the decreasing function `p` crosses `target`.
    private func crossing(_ low: Double, _ high: Double, target: Double, _ p: (Double) throws -> Double) throws -> Double {
        let root = try RootFinding.brent(lower: low, upper: high, valueAtLower: try p(low) - target,
                                         valueAtUpper: try p(high) - target, tolerance: 1e-12, maximumIterations: 500) {
            try p($0) - target
        }
        return root.location
    }
}
