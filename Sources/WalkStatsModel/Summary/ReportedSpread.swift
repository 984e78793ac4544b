/// How a paper printed the spread of one group (with its centre, when the spread is median-based).
/// Exactly one of these per row: WalkStats converts it to an SD (and, for medians, estimates the mean
/// when none was printed). See `WalkStatsStatistics`' `armSummary(converting:)` for the formulas.
public enum ReportedSpread: Sendable, Equatable, Hashable {
    /// A standard deviation.
    case standardDeviation(Double)
    /// A standard error of the mean.
    case standardError(Double)
    /// A 95% confidence interval of the mean.
    case confidenceInterval(lower: Double, upper: Double)
    /// Median with first and third quartiles.
    case medianInterquartileRange(median: Double, q1: Double, q3: Double)
    /// Median with minimum and maximum.
    case medianRange(median: Double, minimum: Double, maximum: Double)

    /// The confidence level of ``confidenceInterval(lower:upper:)`` rows: summary files give 95%
    /// intervals of the mean (`ci_low`, `ci_high`).
    public static let confidenceLevel = 0.95

    /// The median-based scenario, or `nil` for SD, SE and CI.
    public var medianScenario: MedianScenario? {
        switch self {
        case .medianInterquartileRange: return .interquartileRange
        case .medianRange: return .range
        default: return nil
        }
    }

    /// The summary-file columns this spread is read from, such as `["median", "q1", "q3"]`.
    public var columns: [String] {
        switch self {
        case .standardDeviation: return ["sd"]
        case .standardError: return ["se"]
        case .confidenceInterval: return ["ci_low", "ci_high"]
        case .medianInterquartileRange: return ["median", "q1", "q3"]
        case .medianRange: return ["median", "min", "max"]
        }
    }
}
