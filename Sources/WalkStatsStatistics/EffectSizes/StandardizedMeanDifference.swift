import WalkStatsGSL

/// The shared core of d_z, d and g, following `effectsize:::.effect_size_difference`: a mean difference
/// `estimate`, its standardiser `scale`, the t statistic `estimate / (scale · √hn)` and its df.
struct StandardizedMeanDifference {
    /// The raw mean difference.
    let estimate: Double
    /// The standard deviation it is divided by.
    let scale: Double
    /// effectsize's `hn`: the squared standard error of d per unit δ (1/n paired, 1/n_a + 1/n_b pooled).
    let hn: Double
    /// The degrees of freedom of the t statistic.
    let degreesOfFreedom: Double
    /// `[n]` or `[n_a, n_b]`.
    let sampleSizes: [Int]

    /// d = estimate / scale.
    var value: Double { estimate / scale }
    /// t = estimate / se, se = scale · √hn.
    var t: Double { estimate / (scale * hn.squareRoot()) }

    /// The paired form (d_z), validating the input.
    static func paired(to: [Double], from: [Double], confidenceLevel: Double) throws -> StandardizedMeanDifference {
        let (count, mean, sd) = try TInference.pairedDifferences(to: to, from: from, confidenceLevel: confidenceLevel)
        let n = Double(count)
        try requireRepresentable(mean, sd, what: "the paired differences")
        return StandardizedMeanDifference(estimate: mean, scale: sd, hn: 1 / n, degreesOfFreedom: n - 1,
                                          sampleSizes: [count])
    }

    /// The two-sample form with the pooled SD, validating the input.
    static func pooled(_ a: [Double], _ b: [Double], confidenceLevel: Double) throws -> StandardizedMeanDifference {
        try ConfidenceInterval.validate(level: confidenceLevel)
        try TInference.requireFinite(a, what: "the first sample")
        try TInference.requireFinite(b, what: "the second sample")
        for (sample, label) in [(a, "values in the first sample"), (b, "values in the second sample")] where sample.count < 2 {
            throw StatisticsError.insufficientObservations(what: label, needed: 2, got: sample.count)
        }
        let (na, nb) = (Double(a.count), Double(b.count))
        let (meanA, meanB) = (try SampleStatistics.mean(a), try SampleStatistics.mean(b))
        let (sdA, sdB) = (try SampleStatistics.standardDeviation(a), try SampleStatistics.standardDeviation(b))
        let degreesOfFreedom = na + nb - 2
        let pooledSD = (((na - 1) * sdA * sdA + (nb - 1) * sdB * sdB) / degreesOfFreedom).squareRoot()
        let hn = 1 / na + 1 / nb
        try requireRepresentable(meanA - meanB, pooledSD, what: "the samples")
        guard !TInference.isEssentiallyConstant(standardError: pooledSD * hn.squareRoot(),
                                                scale: max(abs(meanA), abs(meanB))) else {
            throw StatisticsError.zeroVariance(what: "both samples")
        }
        return StandardizedMeanDifference(estimate: meanA - meanB, scale: pooledSD, hn: hn,
                                          degreesOfFreedom: degreesOfFreedom, sampleSizes: [a.count, b.count])
    }

    /// Finite inputs can still overflow: GSL's variance of values near 1e300 is +infinity, which would
    /// make d = 0 with the interval of t = 0 (R's effectsize returns exactly that). WalkStats refuses.
    private static func requireRepresentable(_ difference: Double, _ standardDeviation: Double, what: String) throws {
        guard difference.isFinite, standardDeviation.isFinite else {
            throw StatisticsError.invalidRequest(
                "the mean difference or standard deviation of \(what) overflows a double; rescale the values")
        }
    }

    /// d and its noncentral-t interval, both multiplied by `correction` (Hedges' J; 1 for d).
    func effectSize(name: EffectSizeName, confidenceLevel: Double, correction: Double = 1) throws -> EffectSize {
        let bounds = try NoncentralTInterval.noncentralityBounds(t: t, degreesOfFreedom: degreesOfFreedom,
                                                                 confidenceLevel: confidenceLevel)
        let unit = hn.squareRoot() * correction
        return EffectSize(name: name, value: value * correction,
                          confidenceInterval: ConfidenceInterval(level: confidenceLevel, lower: bounds.lower * unit,
                                                                 upper: bounds.upper * unit),
                          sampleSizes: sampleSizes)
    }
}
