import WalkStatsGSL
import WalkStatsModel

/// Welch's t-test of mean(a) − mean(b) = 0 for two independent samples, without assuming equal variances.
///
/// ```
/// se = √(s_a²/n_a + s_b²/n_b)
/// t  = (mean(a) − mean(b)) / se
/// df = se⁴ / ( (s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1) )      (Welch–Satterthwaite)
/// CI = mean(a) − mean(b) ± t_{df, (1 + level)/2} · se
/// ```
///
/// *Assumptions.* Independent samples, each roughly normal (or large).
///
/// *Matches R:* `t.test(a, b, conf.level = level)` (R's default, `var.equal = FALSE`).
///
/// *References:* Welch BL (1947), The generalization of "Student's" problem when several different
/// population variances are involved. Biometrika 34:28–35. doi:10.1093/biomet/34.1-2.28
///
/// - Returns: a result named ``TestName/welchT``, estimate = mean(a) − mean(b).
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` when a sample has fewer than
///   2 values, ``StatisticsError/zeroVariance(what:)`` when both are constant,
///   ``StatisticsError/nonFiniteInput(what:)``, ``StatisticsError/invalidConfidenceLevel(_:)``.
public func welchTTest(_ a: [Double], _ b: [Double], confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
    try twoSampleTTest(a, b, equalVariances: false, confidenceLevel: confidenceLevel)
}

/// Student's two-sample t-test of mean(a) − mean(b) = 0 with a pooled variance.
///
/// ```
/// s_p² = ((n_a − 1) s_a² + (n_b − 1) s_b²) / (n_a + n_b − 2),   df = n_a + n_b − 2
/// se   = s_p · √(1/n_a + 1/n_b)
/// t    = (mean(a) − mean(b)) / se
/// CI   = mean(a) − mean(b) ± t_{df, (1 + level)/2} · se
/// ```
///
/// *Assumptions.* Independent samples, roughly normal, with equal variances.
///
/// *Matches R:* `t.test(a, b, var.equal = TRUE, conf.level = level)`; like R it accepts one sample of
/// size 1 when the other has at least 2 values.
///
/// - Returns: a result named ``TestName/studentT``, estimate = mean(a) − mean(b).
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` when a sample is empty or
///   n_a + n_b < 3, ``StatisticsError/zeroVariance(what:)``, ``StatisticsError/nonFiniteInput(what:)``,
///   ``StatisticsError/invalidConfidenceLevel(_:)``.
public func studentTTest(_ a: [Double], _ b: [Double], confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
    try twoSampleTTest(a, b, equalVariances: true, confidenceLevel: confidenceLevel)
}

/// Validates two samples, reduces each to (mean, SD, n) and runs the summary core
/// ``twoSampleTTest(_:_:equalVariances:confidenceLevel:what:)``, following `stats:::t.test.default`.
private func twoSampleTTest(_ a: [Double], _ b: [Double], equalVariances: Bool,
                            confidenceLevel: Double) throws -> HypothesisTestResult {
    try ConfidenceInterval.validate(level: confidenceLevel)
    try TInference.requireFinite(a, what: "the first sample")
    try TInference.requireFinite(b, what: "the second sample")
    let minimum = equalVariances ? 1 : 2
    for (sample, label) in [(a, "values in the first sample"), (b, "values in the second sample")] where sample.count < minimum {
        throw StatisticsError.insufficientObservations(what: label, needed: minimum, got: sample.count)
    }
    if equalVariances, a.count + b.count < 3 {
        throw StatisticsError.insufficientObservations(what: "values in both samples together", needed: 3, got: a.count + b.count)
    }
    return try twoSampleTTest(try TInference.summary(a), try TInference.summary(b), equalVariances: equalVariances,
                              confidenceLevel: confidenceLevel, what: "both samples")
}

/// The one two-sample t-test core, shared by the participant-level and the summary-level Welch and
/// Student tests: from (mean, SD, n) per group to t, df, p and the interval of mean_A − mean_B.
///
/// ```
/// Welch:    se² = s_A²/n_A + s_B²/n_B,  df by Welch–Satterthwaite        (welchSatterthwaite)
/// Student:  se² = s_p² · (1/n_A + 1/n_B),  df = n_A + n_B − 2            (pooledVariance)
/// ```
///
/// The caller has validated the summaries (n ≥ 2 for Welch, n ≥ 1 with n_A + n_B ≥ 3 for Student;
/// finite means, SD ≥ 0). `what` names them in errors ("both samples", "both summaries").
/// - Throws: ``StatisticsError/zeroVariance(what:)`` by R's "data are essentially constant" rule,
///   ``StatisticsError/invalidRequest(_:)`` when the standard error overflows a double.
func twoSampleTTest(_ a: SummaryStatistics, _ b: SummaryStatistics, equalVariances: Bool, confidenceLevel: Double,
                    what: String) throws -> HypothesisTestResult {
    let (standardError, degreesOfFreedom) = twoSampleStandardError(a, b, equalVariances: equalVariances)
    guard !TInference.isEssentiallyConstant(standardError: standardError, scale: max(abs(a.mean), abs(b.mean))) else {
        throw StatisticsError.zeroVariance(what: what)
    }
    guard standardError.isFinite, degreesOfFreedom.isFinite else {
        throw StatisticsError.invalidRequest("the standard error of \(what) overflows a double; rescale the values")
    }
    return try TInference.result(
        name: equalVariances ? .studentT : .welchT,
        method: equalVariances ? "Two Sample t-test" : "Welch Two Sample t-test",
        estimate: a.mean - b.mean, standardError: standardError, degreesOfFreedom: degreesOfFreedom,
        confidenceLevel: confidenceLevel, sampleSizes: [a.n, b.n])
}

/// The standard error and degrees of freedom of mean_A − mean_B, Welch's or pooled (formulas at
/// ``twoSampleTTest(_:_:equalVariances:confidenceLevel:what:)``); shared by the t-tests and the p-value
/// consistency check.
func twoSampleStandardError(_ a: SummaryStatistics, _ b: SummaryStatistics,
                            equalVariances: Bool) -> (standardError: Double, degreesOfFreedom: Double) {
    if equalVariances {
        let (na, nb) = (Double(a.n), Double(b.n))
        return ((pooledVariance([a, b]) * (1 / na + 1 / nb)).squareRoot(), na + nb - 2)
    }
    let (variance, degreesOfFreedom) = welchSatterthwaite([a, b])
    return (variance.squareRoot(), degreesOfFreedom)
}
