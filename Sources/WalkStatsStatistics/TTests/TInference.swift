import WalkStatsGSL
import WalkStatsModel

/// The shared last step of every t-test: from an estimate, its standard error and degrees of freedom to
/// t, the two-sided p-value and the confidence interval.
///
/// ```
/// t  = (estimate − 0) / se
/// p  = 2 · P(T_df > |t|)
/// CI = estimate ± t_{df, (1 + level)/2} · se
/// ```
///
/// Matches the corresponding lines of R's `stats:::t.test.default` (two-sided alternative, mu = 0).
enum TInference {
    static func result(name: TestName, method: String, estimate: Double, standardError: Double,
                       degreesOfFreedom: Double, confidenceLevel: Double, sampleSizes: [Int]) throws -> HypothesisTestResult {
        let distribution = try StudentTDistribution(degreesOfFreedom: degreesOfFreedom)
        let t = estimate / standardError
        let p = try twoSidedPValue(t, distribution: distribution)
        let margin = try distribution.quantile(0.5 + confidenceLevel / 2) * standardError
        return HypothesisTestResult(
            name: name, method: method, statistic: t, degreesOfFreedom: degreesOfFreedom, pValue: p,
            estimate: estimate, standardError: standardError,
            confidenceInterval: ConfidenceInterval(level: confidenceLevel, lower: estimate - margin, upper: estimate + margin),
            sampleSizes: sampleSizes)
    }

    /// The two-sided p-value of a t statistic, min(1, 2 · P(T_df > |t|)), as `stats:::t.test.default`
    /// computes it (`2 * pt(-abs(tstat), df)`); shared by the t-tests and the p-value consistency check.
    static func twoSidedPValue(_ t: Double, distribution: StudentTDistribution) throws -> Double {
        min(1, 2 * (try distribution.survivalProbability(abs(t))))
    }

    /// R's test for "data are essentially constant": se < 10 · machine epsilon · |scale|.
    static func isEssentiallyConstant(standardError: Double, scale: Double) -> Bool {
        !(standardError > 0 && standardError >= 10 * Double.ulpOfOne * scale)
    }

    /// The one-sample (and paired) t-test core, shared by the participant-level and summary-level paired
    /// tests: from the (mean, SD, n) of the differences to t, df = n − 1, p and the interval.
    ///
    /// ```
    /// se = sd / √n,   t = mean / se,   df = n − 1
    /// ```
    ///
    /// The caller has validated the summary (n ≥ 2, finite mean, SD ≥ 0); `what` names the values in
    /// errors ("the paired differences").
    /// - Throws: ``StatisticsError/zeroVariance(what:)`` by R's "data are essentially constant" rule.
    static func oneSample(_ summary: SummaryStatistics, name: TestName, method: String, confidenceLevel: Double,
                          what: String) throws -> HypothesisTestResult {
        let n = Double(summary.n)
        let standardError = summary.standardDeviation / n.squareRoot()
        guard !isEssentiallyConstant(standardError: standardError, scale: abs(summary.mean)) else {
            throw StatisticsError.zeroVariance(what: what)
        }
        return try result(name: name, method: method, estimate: summary.mean, standardError: standardError,
                          degreesOfFreedom: n - 1, confidenceLevel: confidenceLevel, sampleSizes: [summary.n])
    }

    /// The (mean, SD, n) of finite `values` (GSL), with SD 0 for a single value: the reduction every
    /// participant-level t-test and effect size makes before calling its summary core.
    static func summary(_ values: [Double]) throws -> SummaryStatistics {
        SummaryStatistics(n: values.count, mean: try SampleStatistics.mean(values),
                          standardDeviation: values.count > 1 ? try SampleStatistics.standardDeviation(values) : 0)
    }

    /// Validated paired differences `to − from`, reduced to their (mean, SD, n): equal lengths, finite,
    /// at least 2, and not constant by R's rule. Shared by the paired t-test and Cohen's d_z.
    /// - Throws: ``StatisticsError`` naming the problem.
    static func pairedDifferences(to: [Double], from: [Double], confidenceLevel: Double) throws -> SummaryStatistics {
        guard to.count == from.count else {
            throw StatisticsError.invalidRequest("paired values must have equal lengths, got \(to.count) and \(from.count)")
        }
        try ConfidenceInterval.validate(level: confidenceLevel)
        let differences = zip(to, from).map { $0 - $1 }
        try requireFinite(differences, what: "paired values")
        guard differences.count >= 2 else {
            throw StatisticsError.insufficientObservations(what: "pairs", needed: 2, got: differences.count)
        }
        let summary = try summary(differences)
        guard !isEssentiallyConstant(standardError: summary.standardDeviation / Double(summary.n).squareRoot(),
                                     scale: abs(summary.mean)) else {
            throw StatisticsError.zeroVariance(what: "the paired differences")
        }
        return summary
    }

    /// Checks that every value is finite.
    static func requireFinite(_ values: [Double], what: String) throws {
        guard values.allSatisfy(\.isFinite) else { throw StatisticsError.nonFiniteInput(what: what) }
    }
}
