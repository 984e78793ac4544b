import WalkStatsGSL

/// Sample quantiles as R computes them: R's default `quantile()` (type 7) and `median()`.
///
/// ```
/// type 7:  h = 1 + (n − 1) · p,  lo = ⌊h⌋,  hi = ⌈h⌉          (sorted x, 1-based)
///          Q(p) = x[lo]                               when h = lo or x[hi] = x[lo]
///          Q(p) = (1 − (h − lo)) · x[lo] + (h − lo) · x[hi]   otherwise
/// median:  x[(n + 1)/2] for odd n,  (x[n/2] + x[n/2 + 1]) / 2 for even n
/// ```
///
/// The two are different formulas for p = 0.5 in floating point: `median()` averages the middle pair,
/// `quantile(x, 0.5)` interpolates it, and the results can differ in the last bit. Each function here
/// reproduces its R counterpart to the bit, including R's shortcut of returning x[lo] when the two
/// neighbours are equal (which `gsl_stats_quantile_from_sorted_data` lacks).
///
/// *Missing values.* None accepted: non-finite values throw.
///
/// *Matches R:* `quantile(x, p, type = 7)` (the default type, `stats:::quantile.default`) and
/// `median(x)` (`stats:::median.default`).
///
/// *References:* Hyndman RJ, Fan Y (1996), Sample quantiles in statistical packages. The American
/// Statistician 50(4):361–365. doi:10.1080/00031305.1996.10473566
public enum SampleQuantile {
    /// R's `quantile(values, probability, type = 7)`.
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for no values,
    ///   ``StatisticsError/nonFiniteInput(what:)``, ``StatisticsError/invalidRequest(_:)`` for a
    ///   probability outside [0, 1].
    /// - Complexity: O(n log n), for the sort.
    public static func type7(_ values: [Double], probability: Double) throws -> Double {
        try validate(values)
        guard probability >= 0, probability <= 1 else {
            throw StatisticsError.invalidRequest("a quantile's probability must lie in [0, 1], got \(probability)")
        }
        return type7(sorted: values.sorted(), probability: probability)
    }

    /// R's `median(values)`.
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for no values,
    ///   ``StatisticsError/nonFiniteInput(what:)``.
    /// - Complexity: O(n log n), for the sort.
    public static func median(_ values: [Double]) throws -> Double {
        try validate(values)
        return median(sorted: values.sorted())
    }

    /// The type-7 quantile of non-empty, ascending, finite `sorted` at `probability` in [0, 1]; callers
    /// have validated all four.
    static func type7(sorted: [Double], probability: Double) -> Double {
        let index = Double(sorted.count - 1) * probability
        let low = Int(index.rounded(.down))
        let fraction = index - Double(low)
        guard fraction > 0, low + 1 < sorted.count, sorted[low + 1] != sorted[low] else { return sorted[low] }
        return (1 - fraction) * sorted[low] + fraction * sorted[low + 1]
    }

    /// The median of non-empty, ascending `sorted`: the middle value, or the mean of the middle pair
    /// (halved first when their sum would overflow).
    static func median(sorted: [Double]) -> Double {
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        let (low, high) = (sorted[middle - 1], sorted[middle])
        let sum = low + high
        return sum.isFinite ? sum / 2 : low / 2 + high / 2
    }

    private static func validate(_ values: [Double]) throws {
        guard !values.isEmpty else { throw StatisticsError.insufficientObservations(what: "values", needed: 1, got: 0) }
        guard values.allSatisfy(\.isFinite) else { throw StatisticsError.nonFiniteInput(what: "the values") }
    }
}

/// The median of values already sorted in ascending order (R's `median`); `sorted` must not be empty.
/// Kept for the callers that sort once and reuse the order; see ``SampleQuantile``.
func medianOfSorted(_ sorted: [Double]) -> Double {
    SampleQuantile.median(sorted: sorted)
}
