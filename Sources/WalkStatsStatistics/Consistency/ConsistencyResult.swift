/// The verdict of a consistency check on printed numbers.
public enum ConsistencyVerdict: String, Sendable, Equatable, Hashable, CaseIterable {
    /// The printed numbers can all be true at once.
    case consistent
    /// No data could have produced the printed numbers as printed (a typo, a miscalculation, a wrong n,
    /// or a different analysis than described).
    case inconsistent
    /// The check has no power here (the numbers are printed too coarsely for the sample size, or an
    /// unknown quantity decides the answer).
    case cannotTell = "cannot_tell"
}

/// Why a check reached its verdict, as a stable machine name (for JSON and tests). Extensible like
/// ``TestName``.
public struct ConsistencyReason: RawRepresentable, Hashable, Sendable {
    /// The name as written in JSON.
    public let rawValue: String
    /// Creates a reason.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// GRIM: some whole-number total gives a mean that rounds to the printed one.
    public static let meanAttainable = ConsistencyReason(rawValue: "mean_attainable")
    /// GRIM: no whole-number total gives the printed mean.
    public static let meanNotAttainable = ConsistencyReason(rawValue: "mean_not_attainable")
    /// GRIM: n × items ≥ 10^decimals, so every mean with that many decimals is attainable.
    public static let sampleTooLargeForDecimals = ConsistencyReason(rawValue: "sample_too_large_for_decimals")
    /// GRIMMER: some total and sum of squares give both the printed mean and SD.
    public static let standardDeviationAttainable = ConsistencyReason(rawValue: "sd_attainable")
    /// GRIMMER tests 1–2: no whole-number sum of squares gives an SD that rounds to the printed one.
    public static let noSumOfSquares = ConsistencyReason(rawValue: "no_sum_of_squares")
    /// GRIMMER test 3: the sums of squares that fit the SD have the wrong parity for the total.
    public static let sumOfSquaresParity = ConsistencyReason(rawValue: "sum_of_squares_parity")
    /// p-value: the printed p (or claim) is attainable within the rounding of the printed summaries.
    public static let pValueAttainable = ConsistencyReason(rawValue: "p_value_attainable")
    /// p-value: no mean and SD within their rounding give the printed p.
    public static let pValueNotAttainable = ConsistencyReason(rawValue: "p_value_not_attainable")
    /// p-value: attainable for some assumed correlations only.
    public static let pValueDependsOnCorrelation = ConsistencyReason(rawValue: "p_value_depends_on_correlation")
    /// p-value: the printed precision admits every p-value from 0 to 1.
    public static let pValueUninformative = ConsistencyReason(rawValue: "p_value_uninformative")
}

/// The result of a consistency check: a verdict, why, and a sentence explaining it with the numbers.
public struct ConsistencyResult: Sendable, Equatable, CustomStringConvertible {
    /// Consistent, inconsistent, or cannot tell.
    public let verdict: ConsistencyVerdict
    /// Why, as a machine name.
    public let reason: ConsistencyReason
    /// What was checked and found, for reports.
    public let explanation: String

    /// Creates a result.
    public init(verdict: ConsistencyVerdict, reason: ConsistencyReason, explanation: String) {
        self.verdict = verdict
        self.reason = reason
        self.explanation = explanation
    }

    /// `verdict: explanation`.
    public var description: String { "\(verdict.rawValue): \(explanation)" }
}
