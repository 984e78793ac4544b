import WalkStatsGSL

/// Descriptive statistics of one sample (one arm × timepoint × outcome), with its missing count.
///
/// ```
/// mean, sd (divisor n − 1), se = sd / √n
/// CI of the mean = mean ± t_{n−1, (1 + level)/2} · se
/// median, q1, q3: quantiles by R's default type 7 (linear interpolation at (n − 1)·p; SampleQuantile)
/// ```
///
/// *Missing values.* The caller passes the observed values and the number of randomised participants
/// without one (a missing cell or no row); both are reported.
///
/// *Matches R:* `mean`, `sd`, `quantile(x, c(.25, .5, .75))`, `min`, `max`, and the interval of
/// `t.test(x)$conf.int`. Fields a sample cannot support are `nil`: everything but `n` and `missing` when
/// n = 0, and `sd`, `se` and the interval when n = 1.
public struct Descriptives: Sendable, Equatable {
    /// Observed values.
    public let n: Int
    /// Randomised participants without a value.
    public let missing: Int
    /// Arithmetic mean.
    public let mean: Double?
    /// Sample standard deviation (n − 1).
    public let standardDeviation: Double?
    /// Standard error of the mean.
    public let standardError: Double?
    /// t-based confidence interval of the mean.
    public let confidenceInterval: ConfidenceInterval?
    /// Median (type 7).
    public let median: Double?
    /// First quartile (type 7).
    public let firstQuartile: Double?
    /// Third quartile (type 7).
    public let thirdQuartile: Double?
    /// Smallest value.
    public let minimum: Double?
    /// Largest value.
    public let maximum: Double?

    /// Describes `values`, of which `missing` more were not observed.
    /// - Throws: ``StatisticsError/nonFiniteInput(what:)`` for NaN or infinite values,
    ///   ``StatisticsError/invalidConfidenceLevel(_:)``.
    public init(_ values: [Double], missing: Int, confidenceLevel: Double = 0.95) throws {
        try ConfidenceInterval.validate(level: confidenceLevel)
        try TInference.requireFinite(values, what: "the values")
        n = values.count
        self.missing = missing
        guard !values.isEmpty else {
            (mean, standardDeviation, standardError, confidenceInterval) = (nil, nil, nil, nil)
            (median, firstQuartile, thirdQuartile, minimum, maximum) = (nil, nil, nil, nil, nil)
            return
        }
        let sorted = try SampleStatistics.sorted(values)
        let mean = try SampleStatistics.mean(values)
        self.mean = mean
        median = SampleQuantile.type7(sorted: sorted, probability: 0.5)
        firstQuartile = SampleQuantile.type7(sorted: sorted, probability: 0.25)
        thirdQuartile = SampleQuantile.type7(sorted: sorted, probability: 0.75)
        minimum = sorted.first
        maximum = sorted.last
        guard values.count >= 2 else {
            (standardDeviation, standardError, confidenceInterval) = (nil, nil, nil)
            return
        }
        let sd = try SampleStatistics.standardDeviation(values)
        let se = sd / Double(values.count).squareRoot()
        let margin = try StudentTDistribution(degreesOfFreedom: Double(values.count - 1))
            .quantile(0.5 + confidenceLevel / 2) * se
        standardDeviation = sd
        standardError = se
        confidenceInterval = ConfidenceInterval(level: confidenceLevel, lower: mean - margin, upper: mean + margin)
    }
}
