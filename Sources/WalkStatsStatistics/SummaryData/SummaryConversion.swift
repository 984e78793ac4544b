#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WalkStatsGSL
import WalkStatsModel

/// Conversions from what papers print to a mean and standard deviation, the methods meta-analysts use
/// (each function documents its formula and source). ``armSummary(converting:)`` applies them to a
/// ``ReportedSummary`` and flags the result.
public enum SummaryConversion {
    /// The SD from a standard error of the mean.
    ///
    /// ```
    /// SD = SE · √n
    /// ```
    ///
    /// *Matches R:* `se * sqrt(n)`. *References:* Cochrane Handbook for Systematic Reviews of
    /// Interventions, version 6.4 (2023), section 6.5.2.2.
    ///
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2,
    ///   ``StatisticsError/invalidRequest(_:)`` for a negative or non-finite SE.
    public static func standardDeviation(standardError: Double, n: Int) throws -> Double {
        try requireN(n)
        guard standardError.isFinite, standardError >= 0 else {
            throw StatisticsError.invalidRequest("a standard error must be finite and ≥ 0, got \(standardError)")
        }
        return standardError * Double(n).squareRoot()
    }

    /// The SD from a confidence interval of the mean, with the t quantile on n − 1 df.
    ///
    /// ```
    /// SD = √n · (upper − lower) / (2 · t_{n−1, (1 + level)/2})
    /// ```
    ///
    /// The Cochrane Handbook (6.5.2.2) divides a 95% interval's width by 2 × 1.96 = 3.92 for large
    /// samples and says to use the t distribution instead for small ones (it tabulates t for n < 60).
    /// WalkStats always uses t, which is what the interval of a mean from a t-test used, and which
    /// tends to the normal value for large n (the normal SD is 1.2% larger at n = 100 and 8.7% larger at n = 16).
    ///
    /// *Matches R:* `sqrt(n) * (upper - lower) / (2 * qt((1 + level) / 2, n - 1))`.
    ///
    /// *Related GSL documentation:* `gsl_cdf_tdist_Pinv`.
    ///
    /// *References:* Cochrane Handbook for Systematic Reviews of Interventions, version 6.4 (2023),
    /// section 6.5.2.2 (Higgins JPT, Li T, Deeks JJ, eds).
    ///
    /// - Parameters:
    ///   - lower: the interval's lower bound.
    ///   - upper: its upper bound.
    ///   - n: the group's size.
    ///   - confidenceLevel: the interval's level (default 0.95).
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2,
    ///   ``StatisticsError/invalidRequest(_:)`` when lower > upper or a bound is not finite,
    ///   ``StatisticsError/invalidConfidenceLevel(_:)``.
    public static func standardDeviation(confidenceIntervalLower lower: Double, upper: Double, n: Int,
                                         confidenceLevel: Double = 0.95) throws -> Double {
        try requireN(n)
        try ConfidenceInterval.validate(level: confidenceLevel)
        guard lower.isFinite, upper.isFinite, lower <= upper else {
            throw StatisticsError.invalidRequest("a confidence interval needs finite bounds with lower ≤ upper, got \(lower)…\(upper)")
        }
        let t = try StudentTDistribution(degreesOfFreedom: Double(n - 1)).quantile(0.5 + confidenceLevel / 2)
        return Double(n).squareRoot() * (upper - lower) / (2 * t)
    }

    /// Wan et al.'s (2014) divisor of the range for scenario S1 (median, minimum, maximum):
    /// ξ(n) = 2 Φ⁻¹((n − 0.375) / (n + 0.25)).
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2.
    public static func wan2014RangeDivisor(n: Int) throws -> Double {
        try requireN(n)
        let n = Double(n)
        return 2 * (try NormalDistribution.quantile((n - 0.375) / (n + 0.25)))
    }

    /// Wan et al.'s (2014) divisor of the interquartile range for scenario S3 (median, q1, q3):
    /// η(n) = 2 Φ⁻¹((0.75 n − 0.125) / (n + 0.25)).
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2.
    public static func wan2014InterquartileRangeDivisor(n: Int) throws -> Double {
        try requireN(n)
        let n = Double(n)
        return 2 * (try NormalDistribution.quantile((0.75 * n - 0.125) / (n + 0.25)))
    }

    /// The SD estimated from the median and range or IQR, by Wan et al. (2014).
    ///
    /// ```
    /// range (S1):  SD ≈ (max − min) / ξ(n),  ξ(n) = 2 Φ⁻¹((n − 0.375) / (n + 0.25))
    /// IQR   (S3):  SD ≈ (q3 − q1)  / η(n),   η(n) = 2 Φ⁻¹((0.75 n − 0.125) / (n + 0.25))
    /// ```
    ///
    /// ξ(n) and η(n) are Blom-type approximations to the expected range and IQR of n standard normal
    /// values, so the estimate assumes roughly normal data (skewed data is why a paper printed a median).
    ///
    /// *Matches R:* `(max - min) / (2 * qnorm((n - 0.375) / (n + 0.25)))` and
    /// `(q3 - q1) / (2 * qnorm((0.75 * n - 0.125) / (n + 0.25)))`.
    ///
    /// *Related GSL documentation:* `gsl_cdf_ugaussian_Pinv`.
    ///
    /// *References:* Wan X, Wang W, Liu J, Tong T (2014). Estimating the sample mean and standard
    /// deviation from the sample size, median, range and/or interquartile range. BMC Medical Research
    /// Methodology 14:135 (scenarios S1 and S3). doi:10.1186/1471-2288-14-135
    ///
    /// - Parameters:
    ///   - lower: the minimum (range) or first quartile (IQR).
    ///   - upper: the maximum or third quartile.
    ///   - n: the group's size.
    ///   - scenario: which pair `lower`, `upper` is.
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2,
    ///   ``StatisticsError/invalidRequest(_:)`` when lower > upper or a value is not finite.
    public static func wan2014StandardDeviation(lower: Double, upper: Double, n: Int, scenario: MedianScenario) throws -> Double {
        guard lower.isFinite, upper.isFinite, lower <= upper else {
            throw StatisticsError.invalidRequest("the \(scenario.label) bounds must be finite with lower ≤ upper, got \(lower)…\(upper)")
        }
        switch scenario {
        case .range: return (upper - lower) / (try wan2014RangeDivisor(n: n))
        case .interquartileRange: return (upper - lower) / (try wan2014InterquartileRangeDivisor(n: n))
        }
    }

    /// Luo et al.'s (2018) weight of the mid-range (S1) or mid-quartile range (S3) in the mean estimate:
    /// 4 / (4 + n^0.75) for the range, 0.7 + 0.39 / n for the IQR.
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2.
    public static func luo2018Weight(n: Int, scenario: MedianScenario) throws -> Double {
        try requireN(n)
        let n = Double(n)
        switch scenario {
        case .range: return 4 / (4 + pow(n, 0.75))
        case .interquartileRange: return 0.7 + 0.39 / n
        }
    }

    /// The mean estimated from the median and range or IQR, by Luo et al. (2018).
    ///
    /// ```
    /// range (S1):  mean ≈ w · (min + max)/2 + (1 − w) · median,  w = 4 / (4 + n^0.75)
    /// IQR   (S3):  mean ≈ w · (q1 + q3)/2   + (1 − w) · median,  w = 0.7 + 0.39 / n
    /// ```
    ///
    /// *Matches R:* `w * (lower + upper) / 2 + (1 - w) * median` with `w <- 4 / (4 + n^0.75)` or
    /// `w <- 0.7 + 0.39 / n`.
    ///
    /// *References:* Luo D, Wan X, Liu J, Tong T (2018). Optimally estimating the sample mean from the
    /// sample size, median, mid-range, and/or mid-quartile range. Statistical Methods in Medical
    /// Research 27(6):1785–1805 (scenarios S1 and S3). doi:10.1177/0962280216669183
    ///
    /// - Parameters:
    ///   - median: the median.
    ///   - lower: the minimum (range) or first quartile (IQR).
    ///   - upper: the maximum or third quartile.
    ///   - n: the group's size.
    ///   - scenario: which pair `lower`, `upper` is.
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2,
    ///   ``StatisticsError/invalidRequest(_:)`` for non-finite values or a median outside lower…upper.
    public static func luo2018Mean(median: Double, lower: Double, upper: Double, n: Int, scenario: MedianScenario) throws -> Double {
        guard median.isFinite, lower.isFinite, upper.isFinite, lower <= median, median <= upper else {
            throw StatisticsError.invalidRequest(
                "the median must lie between the \(scenario.label) bounds, got median \(median) and \(lower)…\(upper)")
        }
        let w = try luo2018Weight(n: n, scenario: scenario)
        return w * (lower + upper) / 2 + (1 - w) * median
    }

    private static func requireN(_ n: Int) throws {
        guard n >= 2 else { throw StatisticsError.insufficientObservations(what: "participants", needed: 2, got: n) }
    }
}

/// Converts a printed row to a mean and SD, flagging how each was obtained.
///
/// ```
/// sd                      SD as printed                                   (.reported)
/// se                      SD = SE · √n                                    (.fromStandardError)
/// ci_low, ci_high         SD = √n (ci_high − ci_low) / (2 t_{n−1, 0.975}) (.fromConfidenceInterval(level: 0.95))
/// median, q1, q3          SD = (q3 − q1) / η(n)                           (.estimatedWan2014(.interquartileRange))
/// median, min, max        SD = (max − min) / ξ(n)                         (.estimatedWan2014(.range))
/// mean (median rows)      printed mean if any, else Luo et al. (2018)     (.reported / .estimatedLuo2018(…))
/// ```
///
/// See ``SummaryConversion`` for each formula, its R equivalent and its source. A median row that also
/// printed a mean keeps that mean (flagged reported) and estimates only the SD.
///
/// - Parameter reported: the row as printed.
/// - Returns: the summary with both provenance flags set and `reported` kept.
/// - Throws: ``StatisticsError/invalidRequest(_:)`` naming the row (and its line) when the row has a
///   problem (see ``ReportedSummary/problems(scaleRange:)``).
public func armSummary(converting reported: ReportedSummary) throws -> ArmSummary {
    if let problem = reported.problems().first {
        let location = reported.line.map { " (line \($0))" } ?? ""
        throw StatisticsError.invalidRequest("\(reported.label)\(location): \(problem.message)")
    }
    let n = reported.n
    let mean: Double
    let meanProvenance: SummaryValueProvenance
    let sd: Double
    let sdProvenance: SummaryValueProvenance
    switch reported.spread {
    case let .standardDeviation(value):
        (sd, sdProvenance) = (value, .reported)
    case let .standardError(se):
        (sd, sdProvenance) = (try SummaryConversion.standardDeviation(standardError: se, n: n), .fromStandardError)
    case let .confidenceInterval(lower, upper):
        let level = ReportedSpread.confidenceLevel
        sd = try SummaryConversion.standardDeviation(confidenceIntervalLower: lower, upper: upper, n: n, confidenceLevel: level)
        sdProvenance = .fromConfidenceInterval(level: level)
    case let .medianInterquartileRange(_, q1, q3):
        sd = try SummaryConversion.wan2014StandardDeviation(lower: q1, upper: q3, n: n, scenario: .interquartileRange)
        sdProvenance = .estimatedWan2014(.interquartileRange)
    case let .medianRange(_, minimum, maximum):
        sd = try SummaryConversion.wan2014StandardDeviation(lower: minimum, upper: maximum, n: n, scenario: .range)
        sdProvenance = .estimatedWan2014(.range)
    }
    if let printed = reported.mean {
        (mean, meanProvenance) = (printed, .reported)
    } else {
        switch reported.spread {
        case let .medianInterquartileRange(median, q1, q3):
            mean = try SummaryConversion.luo2018Mean(median: median, lower: q1, upper: q3, n: n, scenario: .interquartileRange)
            meanProvenance = .estimatedLuo2018(.interquartileRange)
        case let .medianRange(median, minimum, maximum):
            mean = try SummaryConversion.luo2018Mean(median: median, lower: minimum, upper: maximum, n: n, scenario: .range)
            meanProvenance = .estimatedLuo2018(.range)
        default:
            // problems() already requires a mean on SD, SE and CI rows.
            throw StatisticsError.invalidRequest("\(reported.label): expected a mean")
        }
    }
    return ArmSummary(study: reported.study, arm: reported.arm, timepoint: reported.timepoint, outcome: reported.outcome,
                      n: n, mean: mean, standardDeviation: sd, unit: reported.unit, source: reported.source,
                      meanProvenance: meanProvenance, standardDeviationProvenance: sdProvenance, reported: reported)
}

extension SummaryDataset {
    /// Converts every printed row with ``armSummary(converting:)`` and pairs the result with the study
    /// sheet.
    ///
    /// - Parameters:
    ///   - reported: the rows of a summary file (from `SummaryCSVImporter`).
    ///   - studies: the study descriptions (from `StudySheetImporter`), if any.
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` naming the first row that cannot be converted.
    public init(converting reported: [ReportedSummary], studies: [StudyDescription] = []) throws {
        self.init(summaries: try reported.map(armSummary(converting:)), studies: studies)
    }
}
