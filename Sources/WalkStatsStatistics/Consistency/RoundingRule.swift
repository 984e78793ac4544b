/// How a printed number is assumed to have been rounded from the true value, for GRIM and GRIMMER.
/// Names and meanings follow the R package scrutiny's `rounding` argument.
public enum RoundingRule: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Either up or down from 5 (scrutiny's default `"up_or_down"`): a true value exactly halfway may
    /// have been printed either way.
    case upOrDown = "up_or_down"
    /// Up from 5 (`"up"`, as SAS, SPSS, Stata and Excel do for positive numbers).
    case up
    /// Down from 5 (`"down"`).
    case down
    /// Halves to the even digit (`"even"`, IEEE / R's `round` intent).
    case even
}

/// The set of true values that print as one ``ReportedDecimal`` under a ``RoundingRule``, as exact
/// rationals over a common denominator: from lowerNumerator/denominator to upperNumerator/denominator,
/// each end inclusive or not.
struct RoundingInterval {
    let lowerNumerator: Int128
    let upperNumerator: Int128
    /// 2 · 10^decimals.
    let denominator: Int128
    let lowerInclusive: Bool
    let upperInclusive: Bool

    /// The interval of `reported` under `rule`. `symmetric` (scrutiny's argument) makes `up` and `down`
    /// mirror positive numbers for negative ones (up = away from zero, down = towards zero); otherwise
    /// `up` sends halves towards +∞ and `down` towards −∞.
    init(_ reported: ReportedDecimal, rule: RoundingRule, symmetric: Bool = false) {
        let x = Int128(reported.scaledValue)
        lowerNumerator = 2 * x - 1
        upperNumerator = 2 * x + 1
        var power: Int128 = 1
        for _ in 0..<reported.decimals { power *= 10 }
        denominator = 2 * power
        switch rule {
        case .upOrDown:
            (lowerInclusive, upperInclusive) = (true, true)
        case .even:
            let isEven = x % 2 == 0
            (lowerInclusive, upperInclusive) = (isEven, isEven)
        case .up:
            if symmetric, x < 0 { (lowerInclusive, upperInclusive) = (false, true) }
            else if symmetric, x == 0 { (lowerInclusive, upperInclusive) = (false, false) }
            else { (lowerInclusive, upperInclusive) = (true, false) }
        case .down:
            if symmetric, x < 0 { (lowerInclusive, upperInclusive) = (true, false) }
            else if symmetric, x == 0 { (lowerInclusive, upperInclusive) = (true, true) }
            else { (lowerInclusive, upperInclusive) = (false, true) }
        }
    }

    /// The integers k with k / `count` inside the interval (ends as inclusive as the interval): the
    /// whole-number totals whose mean over `count` values prints as the reported value; `nil` when none.
    func integers(dividedBy count: Int128) throws -> ClosedRange<Int128>? {
        // k / count ≥ lower/denominator  ⇔  k · denominator ≥ count · lowerNumerator
        let lowTarget = try ExactArithmetic.multiply(count, lowerNumerator)
        let highTarget = try ExactArithmetic.multiply(count, upperNumerator)
        var low = ExactArithmetic.ceilingDivide(lowTarget, denominator)
        if !lowerInclusive, low * denominator == lowTarget { low += 1 }
        var high = ExactArithmetic.floorDivide(highTarget, denominator)
        if !upperInclusive, high * denominator == highTarget { high -= 1 }
        return low <= high ? low...high : nil
    }
}

/// Integer helpers for the exact checks.
enum ExactArithmetic {
    /// ⌊a / b⌋ for b > 0.
    static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r < 0 ? q - 1 : q
    }

    /// ⌈a / b⌉ for b > 0.
    static func ceilingDivide(_ a: Int128, _ b: Int128) -> Int128 {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r > 0 ? q + 1 : q
    }

    /// a · b, or an error when it overflows 128 bits.
    static func multiply(_ a: Int128, _ b: Int128) throws -> Int128 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw tooLarge }
        return product
    }

    /// a + b, or an error when it overflows 128 bits.
    static func add(_ a: Int128, _ b: Int128) throws -> Int128 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw tooLarge }
        return sum
    }

    static let tooLarge = StatisticsError.invalidRequest("the numbers are too large for the exact integer check")
}
