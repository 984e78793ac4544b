import WalkStatsStatistics

/// What a box plot draws for one group: quartiles, median and whisker ends, computed in plain Swift.
///
/// ```
/// quantile(p) = (1 − h) · x[j] + h · x[j + 1],  with  j + h = 1 + (n − 1) · p   (sorted x, 1-based)
/// IQR = Q3 − Q1
/// lower whisker = smallest value ≥ Q1 − 1.5 · IQR
/// upper whisker = largest value ≤ Q3 + 1.5 · IQR
/// ```
///
/// The quartiles are R's default `quantile()` (type 7), computed by ``SampleQuantile/type7(_:probability:)``. The whiskers follow Tukey's 1.5 × IQR rule, as
/// R's `boxplot()` does, but measured from these quartiles; `boxplot()` itself measures from Tukey's
/// hinges (`fivenum()`), which can differ from type-7 quartiles for small n.
///
/// *Matches R:* `quantile(x, c(0.25, 0.5, 0.75), type = 7)`; whiskers
/// `q <- quantile(x, c(.25, .75)); range(x[x >= q[1] - 1.5 * diff(q) & x <= q[2] + 1.5 * diff(q)])`.
///
/// *References:* Hyndman RJ, Fan Y (1996). Sample quantiles in statistical packages. The American
/// Statistician 50(4):361–365. doi:10.1080/00031305.1996.10473566. Tukey JW (1977). Exploratory Data Analysis.
public struct BoxSummary: Sendable, Equatable {
    /// How many values.
    public let count: Int
    /// The first quartile (type 7).
    public let lowerQuartile: Double
    /// The median.
    public let median: Double
    /// The third quartile (type 7).
    public let upperQuartile: Double
    /// The smallest value no further than 1.5 IQR below the first quartile.
    public let lowerWhisker: Double
    /// The largest value no further than 1.5 IQR above the third quartile.
    public let upperWhisker: Double

    /// The box-plot summary of `values`.
    /// - Parameter values: Finite values, at least one.
    /// - Throws: ``FigureError/noData(figure:expected:)`` when `values` is empty,
    ///   ``FigureError/nonFiniteValue(figure:field:)`` when one is NaN or infinite.
    /// - Complexity: O(n log n), for the sort.
    public init(values: [Double]) throws {
        let check = FigureValidator(figure: "box plot")
        try check.notEmpty(values, "at least one value")
        for value in values { try check.finite(value, "a value") }
        let sorted = values.sorted()
        count = sorted.count
        let q1 = try SampleQuantile.type7(sorted, probability: 0.25)
        let q3 = try SampleQuantile.type7(sorted, probability: 0.75)
        let reach = 1.5 * (q3 - q1)
        lowerQuartile = q1
        median = try SampleQuantile.type7(sorted, probability: 0.5)
        upperQuartile = q3
        lowerWhisker = sorted.first { $0 >= q1 - reach } ?? sorted[0]
        upperWhisker = sorted.last { $0 <= q3 + reach } ?? sorted[sorted.count - 1]
    }
}
