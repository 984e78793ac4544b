import WalkStatsGSL

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
        let p = min(1, 2 * (try distribution.survivalProbability(abs(t))))
        let margin = try distribution.quantile(0.5 + confidenceLevel / 2) * standardError
        return HypothesisTestResult(
            name: name, method: method, statistic: t, degreesOfFreedom: degreesOfFreedom, pValue: p,
            estimate: estimate, standardError: standardError,
            confidenceInterval: ConfidenceInterval(level: confidenceLevel, lower: estimate - margin, upper: estimate + margin),
            sampleSizes: sampleSizes)
    }

    /// R's test for "data are essentially constant": se < 10 · machine epsilon · |scale|.
    static func isEssentiallyConstant(standardError: Double, scale: Double) -> Bool {
        !(standardError > 0 && standardError >= 10 * Double.ulpOfOne * scale)
    }

    /// Validated paired differences `to − from`: equal lengths, finite, at least 2, and not constant by
    /// R's rule. Shared by the paired t-test and Cohen's d_z.
    /// - Throws: ``StatisticsError`` naming the problem.
    static func pairedDifferences(to: [Double], from: [Double], confidenceLevel: Double) throws
        -> (count: Int, mean: Double, standardDeviation: Double) {
        guard to.count == from.count else {
            throw StatisticsError.invalidRequest("paired values must have equal lengths, got \(to.count) and \(from.count)")
        }
        try ConfidenceInterval.validate(level: confidenceLevel)
        let differences = zip(to, from).map { $0 - $1 }
        try requireFinite(differences, what: "paired values")
        guard differences.count >= 2 else {
            throw StatisticsError.insufficientObservations(what: "pairs", needed: 2, got: differences.count)
        }
        let mean = try SampleStatistics.mean(differences)
        let sd = try SampleStatistics.standardDeviation(differences)
        guard !isEssentiallyConstant(standardError: sd / Double(differences.count).squareRoot(), scale: abs(mean)) else {
            throw StatisticsError.zeroVariance(what: "the paired differences")
        }
        return (differences.count, mean, sd)
    }

    /// Checks that every value is finite.
    static func requireFinite(_ values: [Double], what: String) throws {
        guard values.allSatisfy(\.isFinite) else { throw StatisticsError.nonFiniteInput(what: what) }
    }
}
