import WalkStatsGSL

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

/// The one core behind ``welchTTest(_:_:confidenceLevel:)`` and ``studentTTest(_:_:confidenceLevel:)``,
/// following `stats:::t.test.default`.
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
    let (na, nb) = (Double(a.count), Double(b.count))
    let (meanA, meanB) = (try SampleStatistics.mean(a), try SampleStatistics.mean(b))
    let varianceA = a.count > 1 ? pow2(try SampleStatistics.standardDeviation(a)) : 0
    let varianceB = b.count > 1 ? pow2(try SampleStatistics.standardDeviation(b)) : 0

    let standardError: Double
    let degreesOfFreedom: Double
    if equalVariances {
        degreesOfFreedom = na + nb - 2
        let pooled = ((na - 1) * varianceA + (nb - 1) * varianceB) / degreesOfFreedom
        standardError = (pooled * (1 / na + 1 / nb)).squareRoot()
    } else {
        let (termA, termB) = (varianceA / na, varianceB / nb)
        standardError = (termA + termB).squareRoot()
        degreesOfFreedom = pow2(termA + termB) / (pow2(termA) / (na - 1) + pow2(termB) / (nb - 1))
    }
    guard !TInference.isEssentiallyConstant(standardError: standardError, scale: max(abs(meanA), abs(meanB))) else {
        throw StatisticsError.zeroVariance(what: "both samples")
    }
    return try TInference.result(
        name: equalVariances ? .studentT : .welchT,
        method: equalVariances ? "Two Sample t-test" : "Welch Two Sample t-test",
        estimate: meanA - meanB, standardError: standardError, degreesOfFreedom: degreesOfFreedom,
        confidenceLevel: confidenceLevel, sampleSizes: [a.count, b.count])
}

private func pow2(_ x: Double) -> Double { x * x }
