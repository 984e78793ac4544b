import WalkStatsGSL
import WalkStatsModel

/// The shared core of d_z, d_av, d and g, following `effectsize:::.effect_size_difference`: a mean difference
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
        let differences = try TInference.pairedDifferences(to: to, from: from, confidenceLevel: confidenceLevel)
        return try paired(differences, what: "the paired differences")
    }

    /// The paired form standardised by the average of the two conditions' SDs (d_av), validating the
    /// input as the paired t-test does:
    ///
    /// ```
    /// s_av = (sd(to) + sd(from)) / 2,   hn = (sd(d) / s_av)² / n,   df = n − 1
    /// ```
    ///
    /// so d = mean(d) / s_av and t = mean(d) / (s_av · √hn) = mean(d) / (sd(d) / √n), the paired t.
    static func averageStandardDeviation(to: [Double], from: [Double],
                                         confidenceLevel: Double) throws -> StandardizedMeanDifference {
        let differences = try TInference.pairedDifferences(to: to, from: from, confidenceLevel: confidenceLevel)
        let averageSD = (try TInference.summary(to).standardDeviation + TInference.summary(from).standardDeviation) / 2
        try requireRepresentable(differences.mean, averageSD, what: "the paired values")
        let n = Double(differences.n)
        let ratio = differences.standardDeviation / averageSD
        return StandardizedMeanDifference(estimate: differences.mean, scale: averageSD, hn: ratio * ratio / n,
                                          degreesOfFreedom: n - 1, sampleSizes: [differences.n])
    }

    /// The two-sample form with the pooled SD, validating the input.
    static func pooled(_ a: [Double], _ b: [Double], confidenceLevel: Double) throws -> StandardizedMeanDifference {
        try ConfidenceInterval.validate(level: confidenceLevel)
        try TInference.requireFinite(a, what: "the first sample")
        try TInference.requireFinite(b, what: "the second sample")
        for (sample, label) in [(a, "values in the first sample"), (b, "values in the second sample")] where sample.count < 2 {
            throw StatisticsError.insufficientObservations(what: label, needed: 2, got: sample.count)
        }
        return try pooled(try TInference.summary(a), try TInference.summary(b), what: "both samples",
                          overflowWhat: "the samples")
    }

    /// The paired core from the (mean, SD, n) of the differences, already validated (n ≥ 2): d_z =
    /// mean / sd, hn = 1/n, df = n − 1; constant differences (R's rule) throw. Shared by the participant-level and summary-level d_z.
    static func paired(_ differences: SummaryStatistics, what: String) throws -> StandardizedMeanDifference {
        let n = Double(differences.n)
        try requireRepresentable(differences.mean, differences.standardDeviation, what: what)
        guard !TInference.isEssentiallyConstant(standardError: differences.standardDeviation / n.squareRoot(),
                                                scale: abs(differences.mean)) else {
            throw StatisticsError.zeroVariance(what: what)
        }
        return StandardizedMeanDifference(estimate: differences.mean, scale: differences.standardDeviation, hn: 1 / n,
                                          degreesOfFreedom: n - 1, sampleSizes: [differences.n])
    }

    /// The two-sample core from each group's (mean, SD, n), already validated (n ≥ 2): d = (mean_A −
    /// mean_B) / s_p with s_p = ``pooledStandardDeviation(_:)``, hn = 1/n_A + 1/n_B, df = n_A + n_B − 2.
    /// Shared by the participant-level and summary-level d and g. `what` names the groups for the zero
    /// variance error ("both samples"), `overflowWhat` for the overflow one ("the samples").
    static func pooled(_ a: SummaryStatistics, _ b: SummaryStatistics, what: String,
                       overflowWhat: String) throws -> StandardizedMeanDifference {
        let (na, nb) = (Double(a.n), Double(b.n))
        let pooledSD = pooledStandardDeviation([a, b])
        let hn = 1 / na + 1 / nb
        try requireRepresentable(a.mean - b.mean, pooledSD, what: overflowWhat)
        guard !TInference.isEssentiallyConstant(standardError: pooledSD * hn.squareRoot(),
                                                scale: max(abs(a.mean), abs(b.mean))) else {
            throw StatisticsError.zeroVariance(what: what)
        }
        return StandardizedMeanDifference(estimate: a.mean - b.mean, scale: pooledSD, hn: hn,
                                          degreesOfFreedom: na + nb - 2, sampleSizes: [a.n, b.n])
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
