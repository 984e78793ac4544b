import WalkStatsModel
import WalkStatsGSL

/// The effect measure of a study computed from group summaries, with metafor's names
/// (`escalc(measure = )`).
public enum EffectMeasure: String, Sendable, CaseIterable {
    /// The raw mean difference, A − B.
    case md = "MD"
    /// The standardised mean difference with Hedges' exact small-sample correction (Hedges' g).
    case smd = "SMD"
}

/// One study's effect and its sampling variance: the unit a meta-analysis pools
/// (the `yi` and `vi` columns of a `metafor::escalc` table).
public struct StudyEffect: Sendable, Equatable {
    /// The study's label.
    public let study: String
    /// The effect estimate (metafor `yi`).
    public let yi: Double
    /// Its sampling variance (metafor `vi`).
    public let vi: Double

    /// Creates an effect from a given estimate and sampling variance (validated when pooled).
    public init(study: String, yi: Double, vi: Double) {
        self.study = study
        self.yi = yi
        self.vi = vi
    }
}

/// A study's effect of group A versus group B from the groups' means, standard deviations and sizes, as
/// `metafor::escalc` computes it.
///
/// ```
/// MD:   yi = m_A − m_B
///       vi = s_A²/n_A + s_B²/n_B                                   (vtype = "LS", the default)
/// SMD:  m  = n_A + n_B − 2
///       s_p = √(((n_A − 1) s_A² + (n_B − 1) s_B²) / m)
///       J  = Γ(m/2) / (√(m/2) Γ((m − 1)/2))                         (metafor's .cmicalc, exact)
///       yi = J · (m_A − m_B) / s_p                                 (Hedges' g)
///       vi = 1/n_A + 1/n_B + yi² / (2 (n_A + n_B))                 (vtype = "LS", the default)
/// ```
///
/// *Assumptions.* Independent groups; for SMD, equal population variances (the pooled SD).
///
/// *Missing values.* None accepted: every summary must be a finite number.
///
/// *Matches R:* `metafor::escalc(measure = "MD" or "SMD", m1i = meanA, sd1i = sdA, n1i = nA, m2i = meanB,
/// sd2i = sdB, n2i = nB)` (metafor 3.8-1), columns `yi` and `vi`. metafor also accepts groups of one
/// (MD) and zero SDs (giving vi = 0 or an infinite d); WalkStats refuses them, since neither can be pooled.
///
/// *Related GSL documentation:* `gsl_sf_lngamma_e` (for J).
///
/// *References:* Hedges LV (1981), Distribution theory for Glass's estimator of effect size and related
/// estimators. Journal of Educational Statistics 6(2):107–128. doi:10.3102/10769986006002107.
/// Viechtbauer W (2010), Conducting meta-analyses in R with the metafor package. Journal of Statistical
/// Software 36(3):1–48. doi:10.18637/jss.v036.i03
///
/// - Parameters:
///   - study: the study's label, carried into the result.
///   - measure: MD or SMD.
///   - meanA: the mean of group A (metafor `m1i`).
///   - sdA: its standard deviation (`sd1i`).
///   - nA: its size (`n1i`).
///   - meanB: the mean of group B (`m2i`).
///   - sdB: its standard deviation (`sd2i`).
///   - nB: its size (`n2i`).
/// - Returns: the effect (positive when A's mean is larger) and its sampling variance.
/// - Throws: ``StatisticsError/nonFiniteInput(what:)`` for a NaN or infinite mean or SD,
///   ``StatisticsError/insufficientObservations(what:needed:got:)`` when a group has fewer than 2
///   participants, ``StatisticsError/invalidRequest(_:)`` for a negative SD or when both SDs are 0 (the
///   effect then has no usable sampling variance).
public func studyEffect(study: String, measure: EffectMeasure, meanA: Double, sdA: Double, nA: Int,
                        meanB: Double, sdB: Double, nB: Int) throws -> StudyEffect {
    guard [meanA, sdA, meanB, sdB].allSatisfy(\.isFinite) else {
        throw StatisticsError.nonFiniteInput(what: "the means and standard deviations of study '\(study)'")
    }
    for (n, group) in [(nA, "A"), (nB, "B")] where n < 2 {
        throw StatisticsError.insufficientObservations(what: "participants in group \(group) of study '\(study)'",
                                                       needed: 2, got: n)
    }
    for (sd, group) in [(sdA, "A"), (sdB, "B")] where sd < 0 {
        throw StatisticsError.invalidRequest(
            "study '\(study)': the standard deviation of group \(group) is \(sd); standard deviations must be ≥ 0")
    }
    guard sdA > 0 || sdB > 0 else {
        throw StatisticsError.invalidRequest(
            "study '\(study)': both standard deviations are 0, so its \(measure.rawValue) has no sampling variance")
    }
    let (na, nb) = (Double(nA), Double(nB))
    switch measure {
    case .md:
        return StudyEffect(study: study, yi: meanA - meanB, vi: sdA * sdA / na + sdB * sdB / nb)
    case .smd:
        let pooledSD = pooledStandardDeviation([SummaryStatistics(n: nA, mean: meanA, standardDeviation: sdA),
                                                SummaryStatistics(n: nB, mean: meanB, standardDeviation: sdB)])
        let yi = try hedgesCorrection(degreesOfFreedom: na + nb - 2) * ((meanA - meanB) / pooledSD)
        return StudyEffect(study: study, yi: yi, vi: 1 / na + 1 / nb + yi * yi / (2 * (na + nb)))
    }
}

extension StudyEffect {
    /// The study's own Wald interval yi ± z·√vi, as metafor's `summary(escalc(...))` and `forest()` draw it.
    /// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``.
    public func confidenceInterval(level: Double = 0.95) throws -> ConfidenceInterval {
        try ConfidenceInterval.validate(level: level)
        let half = try NormalDistribution.quantile(0.5 + level / 2) * vi.squareRoot()
        return ConfidenceInterval(level: level, lower: yi - half, upper: yi + half)
    }
}
