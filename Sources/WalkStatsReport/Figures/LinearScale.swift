import Foundation

/// A linear map from data values (the domain) to pixel positions (the range), with R-style "pretty"
/// tick marks.
///
/// A y axis usually has a reversed range (`rangeStart` at the bottom, larger than `rangeEnd`), so
/// larger values are drawn higher up.
public struct LinearScale: Sendable, Equatable {
    /// The data value drawn at ``rangeStart``.
    public let domainLower: Double
    /// The data value drawn at ``rangeEnd``.
    public let domainUpper: Double
    /// The pixel position of ``domainLower``.
    public let rangeStart: Double
    /// The pixel position of ``domainUpper``.
    public let rangeEnd: Double
    /// Tick values inside the domain, increasing.
    public let ticks: [Double]

    /// A scale with a fixed domain; its ticks are R's `pretty()` values for the domain that fall inside it.
    /// A domain of zero width maps every value to the middle of the range.
    public init(domainLower: Double, domainUpper: Double, rangeStart: Double, rangeEnd: Double, tickCount: Int = 5) {
        self.domainLower = domainLower
        self.domainUpper = domainUpper
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        let tolerance = 1e-10 * max(abs(domainUpper - domainLower), abs(domainLower), abs(domainUpper), .leastNormalMagnitude)
        ticks = Self.prettyTicks(lower: domainLower, upper: domainUpper, count: tickCount)
            .filter { $0 >= domainLower - tolerance && $0 <= domainUpper + tolerance }
    }

    /// A scale covering `lower`…`upper` whose domain is widened to the outermost of R's
    /// `pretty(c(lower, upper), n = tickCount)` ticks, so the axis starts and ends on a labelled tick.
    public init(covering lower: Double, _ upper: Double, rangeStart: Double, rangeEnd: Double, tickCount: Int = 5) {
        let ticks = Self.prettyTicks(lower: lower, upper: upper, count: tickCount)
        domainLower = ticks.first ?? lower
        domainUpper = ticks.last ?? upper
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        self.ticks = ticks
    }

    /// The pixel position of `value` (values outside the domain extrapolate linearly).
    public func position(of value: Double) -> Double {
        let width = domainUpper - domainLower
        guard width != 0 else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (value - domainLower) / width * (rangeEnd - rangeStart)
    }

    /// The tick labels: every tick with the same number of decimals, enough to tell neighbours apart,
    /// and a true minus sign (−) for negative values.
    public var tickLabels: [String] {
        let decimals = Self.decimals(forStep: ticks.count > 1 ? ticks[1] - ticks[0] : 0)
        return ticks.map { Self.label($0, decimals: decimals) }
    }

    // MARK: R's pretty()

    /// R's `pretty(c(lower, upper), n = count)` with its other defaults (`min.n = n %/% 3`,
    /// `shrink.sml = 0.75`, `high.u.bias = 1.5`, `u5.bias = 0.5 + 1.5 * high.u.bias`): about `count`
    /// intervals of 1, 2 or 5 times a power of ten that cover the values. The bounds may come in either
    /// order; non-finite bounds give no ticks.
    ///
    /// The algorithm, as `?pretty` describes it:
    /// ```
    /// d = upper − lower
    /// cell = d / count, or, when d is (relative to the values' size) zero,
    ///        max(|lower|, |upper|) (as 9 + that/10 when above 10) × shrink.sml / min.n
    /// base = 10^floor(log10(cell))
    /// unit = base, 2·base, 5·base or 10·base: each step up is taken while the next candidate's excess
    ///        over cell is below h (for 2 and 10) or h5 (for 5) times cell's excess over the current unit
    /// ticks from floor(lower / unit)·unit to ceil(upper / unit)·unit, widened symmetrically about the
    ///        range to at least min.n intervals
    /// ```
    /// Ticks within 1e-14 intervals of zero are set to exactly 0, as R does.
    ///
    /// *Matches R:* `pretty(c(lower, upper), n = count)` (checked in `LinearScaleTests` for ranges
    /// spanning zero, small, tiny, large, negative and zero-width).
    ///
    /// *References:* R Core Team, `?pretty` (R 4.2.2), section Details.
    ///
    /// - Parameters:
    ///   - lower: One end of the values to cover.
    ///   - upper: The other end.
    ///   - count: The desired number of intervals (R's `n`), at least 1.
    /// - Returns: The ticks, increasing; empty when a bound is not finite.
    public static func prettyTicks(lower: Double, upper: Double, count: Int = 5) -> [Double] {
        guard lower.isFinite, upper.isFinite else { return [] }
        let low = min(lower, upper), high = max(lower, upper)
        let intervals = max(1, count)
        let minimumIntervals = intervals / 3
        let shrinkSmall = 0.75, highBias = 1.5, fiveBias = 0.5 + 1.5 * highBias
        // Below this multiple of the unit, a bound counts as sitting on a tick (R's rounding tolerance).
        let roundingTolerance = 1e-10

        let spread = high - low
        let isSmall: Bool
        var cell: Double
        if spread == 0 && high == 0 {
            cell = 1
            isSmall = true
        } else {
            cell = max(abs(low), abs(high))
            let relativeResolution = (1 + (fiveBias >= 1.5 * highBias + 0.5 ? 1 / (1 + highBias) : 1.5 / (1 + fiveBias)))
                * Double(max(1, intervals)) * Double.ulpOfOne
            isSmall = spread < cell * relativeResolution * 3
        }
        if isSmall {
            if cell > 10 { cell = 9 + cell / 10 }
            cell *= shrinkSmall
            if minimumIntervals > 1 { cell /= Double(minimumIntervals) }
        } else {
            cell = spread
            if intervals > 1 { cell /= Double(intervals) }
        }
        cell = max(cell, Double.leastNormalMagnitude * 0x1p-20)

        let base = pow(10, floor(log10(cell)))
        var unit = base
        if 2 * base - cell < highBias * (cell - unit) {
            unit = 2 * base
            if 5 * base - cell < fiveBias * (cell - unit) {
                unit = 5 * base
                if 10 * base - cell < highBias * (cell - unit) { unit = 10 * base }
            }
        }

        var first = floor(low / unit + roundingTolerance)
        var last = ceil(high / unit - roundingTolerance)
        while first * unit > low + roundingTolerance * unit { first -= 1 }
        while last * unit < high - roundingTolerance * unit { last += 1 }
        var intervalCount = Int(0.5 + last - first)
        if intervalCount < minimumIntervals {
            let missing = Double(minimumIntervals - intervalCount)
            let half = (missing / 2).rounded(.down), odd = missing - 2 * half
            if first >= 0 {
                last += half
                first -= half + odd
            } else {
                first -= half
                last += half + odd
            }
            intervalCount = minimumIntervals
        }

        // R returns seq(lower bound, upper bound, length.out = count + 1), where a bound already on the
        // grid (within the rounding tolerance) keeps the data value.
        let start = min(first * unit, low), end = max(last * unit, high)
        guard intervalCount > 0 else { return [start] }
        let step = (end - start) / Double(intervalCount)
        return (0...intervalCount).map { index in
            let tick = index == intervalCount ? end : start + Double(index) * step
            return abs(tick) < 1e-14 * step ? 0 : tick
        }
    }

    // MARK: Labels

    /// The decimals that show a grid with spacing `step` exactly: 0 for steps of 1 or more, 1 for 0.5,
    /// 0.2 or 0.1, 2 for 0.05 …; at most 12.
    static func decimals(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        return min(12, max(0, Int(ceil(-log10(step) - 1e-6))))
    }

    /// `value` with `decimals` decimals, a true minus sign and never "−0".
    static func label(_ value: Double, decimals: Int) -> String {
        FigureText.number(value, decimals: decimals)
    }
}
