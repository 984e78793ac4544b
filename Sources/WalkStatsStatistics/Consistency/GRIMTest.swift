import Foundation

/// The GRIM test: can a mean of whole-number data, printed with a given number of decimals, come from
/// n participants (answering `items` whole-number items each)?
///
/// ```
/// N = n · items,  D = decimals (+ 2 for a percentage)
/// the mean is a total T over N:  mean = T / N for some whole number T
/// consistent    ⇔  some T / N rounds to the printed mean under `rounding`
/// cannot tell   ⇔  N ≥ 10^D   (means T/N are then spaced ≤ 10^−D apart, so every printed value is attainable)
/// ```
///
/// With the default rounding (up or down from 5) a mean m printed to D decimals stands for any true
/// value in [m − 5·10^−(D+1), m + 5·10^−(D+1)], and GRIM asks whether that interval contains a multiple
/// of 1/N. WalkStats decides this in exact integer arithmetic on the printed digits, so it needs no
/// tolerance; scrutiny compares floating-point reconstructions with `dplyr::near()` (tolerance
/// ≈ 1.5e-8) only to absorb floating-point error, and both answer the same question. Values exactly
/// halfway are decided by the rounding rule (both ways for `.upOrDown`).
///
/// *Differs from scrutiny:* `scrutiny::grim()` returns `TRUE` when N ≥ 10^D; WalkStats returns
/// ``ConsistencyVerdict/cannotTell`` there, because the test cannot fail (scrutiny's `grim_map()` warns
/// about it, and its GRIM ratio (10^D − N)/10^D is ≤ 0).
///
/// *Assumptions.* The data are whole numbers (counts, Likert items, NRS points); `items` whole-number
/// items were summed per participant and the mean is per item. GRIM says nothing about continuous data.
///
/// *Matches R:* `scrutiny::grim(x = "5.19", n = 28, items = 1, percent = FALSE, rounding = "up_or_down")`
/// (scrutiny ≥ 0.2) for N < 10^D; rounding rules `"up_or_down"`, `"up"`, `"down"` and `"even"` with
/// scrutiny's `symmetric` argument.
///
/// *References:* Brown NJL, Heathers JAJ (2017). The GRIM test: a simple technique detects numerous
/// anomalies in the reporting of results in psychology. Social Psychological and Personality Science
/// 8(4):363–369. doi:10.1177/1948550616673876. Jung L (2024), scrutiny: Error Detection in Science
/// (R package), `grim()`.
///
/// - Parameters:
///   - mean: the printed mean (or percentage), with its decimals.
///   - n: the sample size (≥ 1).
///   - items: the number of whole-number items averaged per participant (default 1).
///   - percent: whether `mean` is a percentage (its decimals count two more).
///   - rounding: how the mean was rounded (default ``RoundingRule/upOrDown``).
///   - symmetric: scrutiny's `symmetric`: negative numbers round as their absolute values (default false).
/// - Returns: the verdict with reason ``ConsistencyReason/meanAttainable``,
///   ``ConsistencyReason/meanNotAttainable`` or ``ConsistencyReason/sampleTooLargeForDecimals``.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 1,
///   ``StatisticsError/invalidRequest(_:)`` for items < 1 or numbers too large for exact arithmetic.
public func grimTest(mean: ReportedDecimal, n: Int, items: Int = 1, percent: Bool = false,
                     rounding: RoundingRule = .upOrDown, symmetric: Bool = false) throws -> ConsistencyResult {
    guard n >= 1 else { throw StatisticsError.insufficientObservations(what: "participants", needed: 1, got: n) }
    guard items >= 1 else { throw StatisticsError.invalidRequest("the number of items must be at least 1, got \(items)") }
    let decimals = mean.decimals + (percent ? 2 : 0)
    let count = try ExactArithmetic.multiply(Int128(n), Int128(items))
    let printed = percent ? "\(mean)%" : mean.description
    let size = items == 1 ? "n = \(n)" : "n × items = \(n) × \(items) = \(count)"

    var power: Int128 = 1
    for _ in 0..<decimals { power *= 10 }
    if count >= power {
        return ConsistencyResult(
            verdict: .cannotTell, reason: .sampleTooLargeForDecimals,
            explanation: "with \(size) ≥ 10^\(decimals), means of whole numbers are spaced at most 10^−\(decimals) apart, "
                + "so every value printed with \(mean.decimals) decimal\(mean.decimals == 1 ? "" : "s") is attainable; GRIM cannot tell")
    }
    let proportion = percent ? ReportedDecimal(scaledValue: mean.scaledValue, decimals: decimals) : mean
    let interval = RoundingInterval(proportion, rule: rounding, symmetric: symmetric)
    if let totals = try interval.integers(dividedBy: count) {
        let total = totals.lowerBound
        return ConsistencyResult(
            verdict: .consistent, reason: .meanAttainable,
            explanation: "a total of \(total) over \(size) gives \(fraction(total, count, decimals)), which prints as \(printed)")
    }
    // The two totals nearest to mean · N, for the message.
    let below = ExactArithmetic.floorDivide(try ExactArithmetic.multiply(count, Int128(mean.scaledValue)), power)
    return ConsistencyResult(
        verdict: .inconsistent, reason: .meanNotAttainable,
        explanation: "no whole-number total over \(size) gives a mean that prints as \(printed) "
            + "(\(below)/\(count) = \(fraction(below, count, decimals)), \(below + 1)/\(count) = \(fraction(below + 1, count, decimals)))")
}

/// ``grimTest(mean:n:items:percent:rounding:symmetric:)`` for a mean given as a number and its printed
/// decimals (`grimTest(mean: 5.19, decimals: 2, n: 28)`).
/// - Throws: as ``ReportedDecimal/init(_:decimals:)`` and the main form.
public func grimTest(mean: Double, decimals: Int, n: Int, items: Int = 1, percent: Bool = false,
                     rounding: RoundingRule = .upOrDown, symmetric: Bool = false) throws -> ConsistencyResult {
    try grimTest(mean: ReportedDecimal(mean, decimals: decimals), n: n, items: items, percent: percent,
                 rounding: rounding, symmetric: symmetric)
}

/// `numerator / denominator` printed with two more decimals than the reported value.
func fraction(_ numerator: Int128, _ denominator: Int128, _ decimals: Int) -> String {
    String(format: "%.\(decimals + 2)f", Double(numerator) / Double(denominator))
}
