import CGSL

/// Moments of a sample of finite doubles, and its sorted order, computed by GSL's `gsl_stats_*` and
/// `gsl_sort`. Quantiles are R's type 7, which WalkStatsStatistics' `SampleQuantile` computes.
///
/// GSL returns silent wrong answers on degenerate input (a mean of 0 for n = 0, NaN for the SD of
/// n = 1), so every function here validates n first and throws ``GSLError`` instead.
///
/// Related GSL documentation: https://www.gnu.org/software/gsl/doc/html/statistics.html
public enum SampleStatistics {
    /// The arithmetic mean, R's `mean(x)`.
    /// - Throws: ``GSLError`` when `values` is empty or holds a non-finite number.
    public static func mean(_ values: [Double]) throws -> Double {
        try validate(values, minimumCount: 1, function: "gsl_stats_mean")
        return values.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// The sample standard deviation with divisor n − 1, R's `sd(x)`.
    /// - Throws: ``GSLError`` when fewer than 2 values are given or one is not finite.
    public static func standardDeviation(_ values: [Double]) throws -> Double {
        try validate(values, minimumCount: 2, function: "gsl_stats_sd")
        return values.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
    }

    /// The values in ascending order. (Swift's own sort, about three times faster than `gsl_sort`'s heapsort
    /// on a million values; the order of finite doubles is the same either way.)
    /// - Throws: ``GSLError`` when a value is not finite.
    public static func sorted(_ values: [Double]) throws -> [Double] {
        try validate(values, minimumCount: 0, function: "sort")
        return values.sorted()
    }

    private static func validate(_ values: [Double], minimumCount: Int, function: String) throws {
        GSLRuntime.prepare()
        guard values.count >= minimumCount else {
            throw GSLError(status: .domainError, function: function, inputs: "n=\(values.count)",
                           reason: "needs at least \(minimumCount) values")
        }
        if let bad = values.first(where: { !$0.isFinite }) {
            throw GSLError(status: .domainError, function: function, inputs: "n=\(values.count)",
                           reason: "non-finite value \(bad)")
        }
    }
}
