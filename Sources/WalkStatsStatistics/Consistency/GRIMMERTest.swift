import Foundation

/// The GRIMMER test: can a mean and SD of whole-number data, printed with given decimals, both come
/// from the same n participants (answering `items` whole-number items each)?
///
/// ```
/// N = n · items; y_1 … y_n the participants' whole-number totals over the items
/// s = Σ y_i:   s / N must print as the mean                         (GRIM; every such s is a candidate)
/// Q = Σ y_i²:  SD = √((Q − s²/n) / (n − 1)) / items must print as the SD
///              so Q lies between (n − 1)·items²·SD_low² + s²/n and (n − 1)·items²·SD_high² + s²/n   (tests 1–2)
/// parity:      y² ≡ y (mod 2), so Q ≡ s (mod 2)                      (test 3)
/// consistent ⇔ some candidate s has a whole-number Q in its range with the parity of s
/// ```
///
/// SD_low and SD_high bound the true SD that prints as the reported one under `rounding` (the lower
/// bound is at least 0). This is Allard's (2018) analytic GRIMMER as scrutiny implements it, including
/// the multi-item form of rsprite2 and scrutiny's check of every candidate total rather than only the
/// nearest one. WalkStats evaluates the bounds in exact integer arithmetic on the printed digits, so
/// tests 1 and 2 (an integer between floating-point bounds, then re-rounding its SD) are one exact
/// comparison and no tolerance is needed. When GRIM itself cannot tell (N ≥ 10^decimals), every
/// candidate total is tried.
///
/// The conditions are necessary, not sufficient: "consistent" means the printed values passed these
/// tests, not that a dataset with them exists.
///
/// *Assumptions.* Whole-number data; the SD is the sample SD (denominator n − 1) of per-participant means.
///
/// *Matches R:* `scrutiny::grimmer(x = "5.23", sd = "2.55", n = 35, items = 1, rounding = "up_or_down")`
/// (scrutiny ≥ 0.5, without its optional scale bounds). WalkStats also returns its reason
/// (``ConsistencyReason/noSumOfSquares`` for scrutiny's "test 1"/"test 2", ``ConsistencyReason/sumOfSquaresParity``
/// for "test 3").
///
/// *References:* Anaya J (2016). The GRIMMER test: a method for testing the validity of reported
/// measures of variability. PeerJ Preprints 4:e2400v1. doi:10.7287/peerj.preprints.2400v1. Allard A
/// (2018), Analytic-GRIMMER: a new way of testing the possibility of standard deviations (blog post).
/// Jung L (2024), scrutiny: Error Detection in Science (R package), `grimmer()`.
///
/// - Parameters:
///   - mean: the printed mean, with its decimals.
///   - standardDeviation: the printed SD, with its decimals.
///   - n: the sample size (≥ 2).
///   - items: the number of whole-number items averaged per participant (default 1).
///   - rounding: how the mean and SD were rounded (default ``RoundingRule/upOrDown``).
///   - symmetric: scrutiny's `symmetric` for negative means (default false).
/// - Returns: the verdict, with reason ``ConsistencyReason/standardDeviationAttainable``,
///   ``ConsistencyReason/meanNotAttainable``, ``ConsistencyReason/noSumOfSquares`` or
///   ``ConsistencyReason/sumOfSquaresParity``.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2,
///   ``StatisticsError/invalidRequest(_:)`` for items < 1, a negative SD, more than
///   ``maximumGRIMMERCandidateTotals`` candidate totals, or numbers too large for exact arithmetic.
public func grimmerTest(mean: ReportedDecimal, standardDeviation: ReportedDecimal, n: Int, items: Int = 1,
                        rounding: RoundingRule = .upOrDown, symmetric: Bool = false) throws -> ConsistencyResult {
    guard n >= 2 else { throw StatisticsError.insufficientObservations(what: "participants", needed: 2, got: n) }
    guard items >= 1 else { throw StatisticsError.invalidRequest("the number of items must be at least 1, got \(items)") }
    guard standardDeviation.scaledValue >= 0 else {
        throw StatisticsError.invalidRequest("a standard deviation cannot be negative, got \(standardDeviation)")
    }
    let count = try ExactArithmetic.multiply(Int128(n), Int128(items))
    guard let totals = try RoundingInterval(mean, rule: rounding, symmetric: symmetric).integers(dividedBy: count) else {
        let grim = try grimTest(mean: mean, n: n, items: items, rounding: rounding, symmetric: symmetric)
        return ConsistencyResult(verdict: .inconsistent, reason: .meanNotAttainable,
                                 explanation: "the mean fails GRIM: \(grim.explanation)")
    }
    guard totals.upperBound - totals.lowerBound < Int128(maximumGRIMMERCandidateTotals) else {
        throw StatisticsError.invalidRequest(
            "more than \(maximumGRIMMERCandidateTotals) whole-number totals fit the mean \(mean) with n = \(n); "
                + "the mean is printed too coarsely for GRIMMER at this sample size")
    }

    // SD bounds as exact rationals over sdDenominator, the lower one at least 0.
    let sdInterval = RoundingInterval(standardDeviation, rule: rounding)
    var sdLower = sdInterval.lowerNumerator, sdLowerInclusive = sdInterval.lowerInclusive
    if sdLower < 0 { (sdLower, sdLowerInclusive) = (0, true) }
    let sdDenominator = sdInterval.denominator
    // Q bounds: n·Q·D² vs n(n−1)·items²·bound² + D²·s²   (D = sdDenominator)
    let a = try ExactArithmetic.multiply(sdDenominator, sdDenominator)
    let nn = Int128(n), ii = Int128(items)
    let b = try ExactArithmetic.multiply(try ExactArithmetic.multiply(nn, nn - 1), ii * ii)
    let lowTerm = try ExactArithmetic.multiply(b, try ExactArithmetic.multiply(sdLower, sdLower))
    let highTerm = try ExactArithmetic.multiply(b, try ExactArithmetic.multiply(sdInterval.upperNumerator, sdInterval.upperNumerator))
    let divisor = try ExactArithmetic.multiply(a, nn)

    var firstRange: (total: Int128, low: Double, high: Double)? = nil
    var parityFailures: [(total: Int128, sumOfSquares: Int128)] = []
    var total = totals.lowerBound
    while total <= totals.upperBound {
        defer { total += 1 }
        let base = try ExactArithmetic.multiply(a, try ExactArithmetic.multiply(total, total))
        let lowTarget = try ExactArithmetic.add(lowTerm, base)
        let highTarget = try ExactArithmetic.add(highTerm, base)
        var low = ExactArithmetic.ceilingDivide(lowTarget, divisor)
        if !sdLowerInclusive, low * divisor == lowTarget { low += 1 }
        var high = ExactArithmetic.floorDivide(highTarget, divisor)
        if !sdInterval.upperInclusive, high * divisor == highTarget { high -= 1 }
        if firstRange == nil { firstRange = (total, Double(lowTarget) / Double(divisor), Double(highTarget) / Double(divisor)) }
        guard low <= high else { continue }
        let parity = parityOf(total)
        if let match = (low...min(high, low + 1)).first(where: { parityOf($0) == parity }) {
            let sd = sampleSD(sumOfSquares: match, total: total, n: n, items: items)
            return ConsistencyResult(
                verdict: .consistent, reason: .standardDeviationAttainable,
                explanation: "a total of \(total) with a sum of squares of \(match) over \(sizeLabel(n, items)) gives "
                    + "mean \(fraction(total, count, mean.decimals)) and SD \(String(format: "%.\(standardDeviation.decimals + 2)f", sd)), "
                    + "which print as \(mean) and \(standardDeviation)")
        }
        parityFailures.append((total, low))
    }
    if !parityFailures.isEmpty {
        let cases = parityFailures.prefix(3).map { "total \($0.total) (\(parityName($0.total))) needs sum of squares \($0.sumOfSquares) (\(parityName($0.sumOfSquares)))" }
        return ConsistencyResult(
            verdict: .inconsistent, reason: .sumOfSquaresParity,
            explanation: "the only whole-number sums of squares that give an SD printing as \(standardDeviation) have the wrong parity: "
                + cases.joined(separator: "; ") + (parityFailures.count > 3 ? "; …" : "")
                + " (a sum of squares of whole numbers is even exactly when their sum is)")
    }
    let example = firstRange!
    return ConsistencyResult(
        verdict: .inconsistent, reason: .noSumOfSquares,
        explanation: "no whole-number sum of squares gives an SD that prints as \(standardDeviation) with a total that gives the mean "
            + "\(mean) over \(sizeLabel(n, items)) (with total \(example.total) the sum of squares would have to lie "
            + "between \(String(format: "%.4f", example.low)) and \(String(format: "%.4f", example.high)))")
}

/// ``grimmerTest(mean:standardDeviation:n:items:rounding:symmetric:)`` for numbers given with their
/// printed decimals (`grimmerTest(mean: 5.23, meanDecimals: 2, standardDeviation: 2.55, sdDecimals: 2, n: 35)`).
/// - Throws: as ``ReportedDecimal/init(_:decimals:)`` and the main form.
public func grimmerTest(mean: Double, meanDecimals: Int, standardDeviation: Double, sdDecimals: Int, n: Int,
                        items: Int = 1, rounding: RoundingRule = .upOrDown, symmetric: Bool = false) throws -> ConsistencyResult {
    try grimmerTest(mean: ReportedDecimal(mean, decimals: meanDecimals),
                    standardDeviation: ReportedDecimal(standardDeviation, decimals: sdDecimals),
                    n: n, items: items, rounding: rounding, symmetric: symmetric)
}

/// The most candidate totals GRIMMER tries (a mean printed with D decimals admits about N / 10^D of them).
public let maximumGRIMMERCandidateTotals = 10_000_000

private func parityOf(_ value: Int128) -> Int128 { ((value % 2) + 2) % 2 }

private func parityName(_ value: Int128) -> String { parityOf(value) == 0 ? "even" : "odd" }

private func sizeLabel(_ n: Int, _ items: Int) -> String {
    items == 1 ? "n = \(n)" : "n = \(n) with \(items) items"
}

/// √((Q − s²/n) / (n − 1)) / items.
private func sampleSD(sumOfSquares q: Int128, total s: Int128, n: Int, items: Int) -> Double {
    let nn = Double(n)
    let variance = max(0, (Double(q) - Double(s) * Double(s) / nn) / (nn - 1))
    return variance.squareRoot() / Double(items)
}
